"""The demo's fields of work: the titles and skill pools members and jobs are drawn from."""

FIELDS = {
    "engineering": (["Software Engineer", "Senior Software Engineer", "Staff Engineer",
                     "Engineering Manager", "Backend Engineer", "Frontend Engineer"],
                    ["Python", "Java", "Go", "Kubernetes", "React", "TypeScript", "SQL",
                     "Distributed Systems", "Neo4j", "Rust", "AWS", "Machine Learning"]),
    "data": (["Data Analyst", "Data Scientist", "Senior Data Scientist", "ML Engineer"],
             ["Python", "SQL", "Statistics", "Machine Learning", "Spark", "Tableau",
              "PyTorch", "A/B Testing"]),
    "product": (["Product Manager", "Senior Product Manager", "Product Designer",
                 "UX Researcher"],
                ["Product Strategy", "Figma", "User Research", "Roadmapping", "SQL",
                 "Agile"]),
    "business": (["Account Executive", "Sales Manager", "Marketing Manager",
                  "Financial Analyst", "Operations Manager", "HR Business Partner",
                  "Recruiter"],
                 ["Negotiation", "CRM", "Excel", "Financial Modeling", "SEO",
                  "Recruiting", "Operations", "Public Speaking"]),
}
