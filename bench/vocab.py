"""Word lists for the generated graph; names, titles and skills come from the demo data so
the bench looks like the product, company and school names are composed from parts."""
from __future__ import annotations

from demo.fields import FIELDS
from demo.network import DEGREES, FIRST_NAMES, GIVEN_NAMES, HEADLINES, LAST_NAMES, SURNAMES

__all__ = ["DEGREES", "FIELDS", "HEADLINES", "PERSON_NAMES", "COMPANY_FIRST", "COMPANY_SECOND",
           "COMPANY_SUFFIX", "SCHOOL_PLACES", "SCHOOL_KINDS", "INDUSTRIES", "CITIES",
           "EXTRA_SKILLS", "SENIORITIES", "JOB_STATUS_WEIGHTS"]

# Display names: pinyin "Surname Given", hanzi, and Western "First Last", as in the demo.
PERSON_NAMES = sorted({f"{s} {g}" for _, s in SURNAMES for _, g in GIVEN_NAMES}
                      | {hs + hg for hs, _ in SURNAMES for hg, _ in GIVEN_NAMES}
                      | {f"{f} {last}" for f in FIRST_NAMES for last in LAST_NAMES})

COMPANY_FIRST = ["Acme", "Azure", "Blue", "Bright", "Cedar", "Crimson", "Crystal", "Delta",
                 "Dragon", "Eastern", "Emerald", "Falcon", "Golden", "Granite", "Harbor",
                 "Iron", "Jade", "Lotus", "Lunar", "Maple", "Meridian", "Nimbus", "Northern",
                 "Ocean", "Orchid", "Pacific", "Pearl", "Phoenix", "Pine", "Quantum", "Red",
                 "Silver", "Silk", "Solar", "Summit", "Tiger", "Vertex", "Willow", "Zen",
                 "Yangtze"]
COMPANY_SECOND = ["Analytics", "Bio", "Cloud", "Data", "Dynamics", "Energy", "Finance",
                  "Foods", "Games", "Health", "Labs", "Logistics", "Media", "Motors",
                  "Networks", "Robotics", "Retail", "Security", "Semiconductors", "Software",
                  "Systems", "Travel", "Ventures", "Works", "Education"]
COMPANY_SUFFIX = ["", " Group", " Tech", " International", " Holdings"]

SCHOOL_PLACES = ["Beijing", "Shanghai", "Nanjing", "Wuhan", "Chengdu", "Xiamen", "Tianjin",
                 "Harbin", "Dalian", "Suzhou", "Hangzhou", "Shenzhen", "Jinan", "Xi'an",
                 "Changsha", "Kunming", "Lanzhou", "Qingdao", "Hefei", "Fuzhou", "Toronto",
                 "London", "Singapore", "Sydney", "Munich", "Lyon", "Osaka", "Seoul"]
SCHOOL_KINDS = ["University", "Normal University", "University of Technology",
                "Institute of Technology", "University of Finance", "Polytechnic",
                "Medical University", "University of Science"]

INDUSTRIES = ["Software", "Internet", "Finance", "Logistics", "Healthcare", "Games",
              "Automotive", "Retail", "Travel", "Hardware", "Education", "Media", "Energy",
              "Security", "Food", "Biotech", "Consulting"]
CITIES = ["Shanghai", "Beijing", "Shenzhen", "Guangzhou", "Hangzhou", "Chengdu", "Wuhan",
          "Suzhou", "Nanjing", "Xi'an", "Hong Kong", "Singapore", "London", "Toronto"]

# Skills beyond the demo's field lists, so a vocabulary of realistic size forms.
EXTRA_SKILLS = ["C++", "C#", "Kotlin", "Swift", "Scala", "Haskell", "Elixir", "PHP", "Ruby",
                "Node.js", "Vue", "Angular", "Django", "Flask", "Spring", "GraphQL",
                "PostgreSQL", "MySQL", "Redis", "Kafka", "Elasticsearch", "Docker",
                "Terraform", "GCP", "Azure", "Linux", "Networking", "Security Auditing",
                "Computer Vision", "NLP", "Deep Learning", "Recommender Systems", "ETL",
                "Data Engineering", "Airflow", "dbt", "Power BI", "Looker", "R", "MATLAB",
                "Embedded C", "FPGA", "PCB Design", "Robotics", "Supply Chain", "Logistics",
                "Procurement", "Accounting", "Auditing", "Tax", "Risk Management",
                "Compliance", "Legal", "Copywriting", "Content Strategy", "Social Media",
                "Brand Marketing", "Growth", "Customer Success", "Technical Writing",
                "Project Management", "Scrum", "Leadership", "Mentoring", "Mandarin",
                "Cantonese", "English", "Japanese", "German", "Illustration", "3D Modeling",
                "Unity", "Unreal Engine", "Game Design", "Video Editing", "Photography",
                "UX Writing", "Accessibility", "Sketch", "Blockchain", "Quant Research",
                "Trading", "Actuarial Science", "Clinical Research", "Biostatistics"]

SENIORITIES = ["junior", "mid", "senior", "lead"]
# (status, share) for members' private job status.
JOB_STATUS_WEIGHTS = (("not_looking", 0.6), ("open", 0.28), ("looking", 0.12))
