#!/usr/bin/env python3
"""Generate the sample access-review data for Fernwood Analytics (a fictional company).

Writes people.csv, systems.csv and entitlements.csv next to this script. The output is
deterministic: the same seed always gives byte-identical files. Every name is made up.

    python3 data/samples/generate-access-review.py

Deliberate findings planted for the review (the review date is 2026-11-01):
  * accounts still held by terminated people (some privileged; one system owner has left),
  * orphaned accounts: no person, or a person id that is not in people.csv (c0xx contractors,
    p244), including the service accounts svc-backup, svc-etl and svc-ci,
  * privileged accounts whose last_login is before 2026-07-04 (older than 120 days; they are
    also older than 90 days), plus a few accounts that never logged in (empty last_login),
  * the CEO holding AdministratorAccess on aws-prod.
Ordinary last_login dates fall between 2026-08-05 and 2026-11-20; no date anywhere falls between
2026-06-16 and 2026-08-04, so a 90- or 120-day dormancy threshold gives the same answer.
"""
import csv
import datetime as dt
import random
import unicodedata
from pathlib import Path

SEED = 20261101
OUT = Path(__file__).resolve().parent
DOMAIN = "fernwood.example"
rng = random.Random(SEED)

D = dt.date.fromisoformat
NEWEST = D("2026-11-20")  # newest login in the export
NORMAL_OLDEST = D("2026-08-05")
DORMANT_NEWEST = D("2026-06-15")  # noise and planted dormant dates are at or before this

# --------------------------------------------------------------------------------------------
# Names: given and family names grouped by culture; people are paired within one group.
# --------------------------------------------------------------------------------------------
CULTURES = [
    ("Adaeze Chinedu Ifeoma Oluwaseun Tunde Ngozi Emeka Folake Kelechi Yetunde Obinna Bisola",
     "Adeyemi Okonkwo Eze Balogun Nwosu Adebayo Okeke Ogunleye Uche Afolabi Chukwu Olawale", 2),
    ("Kwame Akosua Kofi Abena Yaw Efua Kwabena Ama Esi Kojo",
     "Asante Boateng Owusu Appiah Osei Agyeman Darko Amoah Frimpong Quaye", 1),
    ("Wanjiru Otieno Achieng Kamau Njeri Baraka Amani Zawadi Juma Makena",
     "Mwangi Odhiambo Kariuki Njoroge Wambua Chebet Kiprono Omondi Mutua Nyambura", 1),
    ("Abebe Selam Dawit Hanna Yonas Meron Tsion Bereket",
     "Tesfaye Haile Bekele Girma Alemu Desta Mekonnen Tadesse", 1),
    ("Lukas Anna Felix Lena Matthias Katharina Tobias Johanna Florian Miriam Niklas Charlotte",
     "Schneider Fischer Hoffmann Becker Wagner Schäfer Koch Richter Krüger Braun Zimmermann Hartmann", 2),
    ("Erik Ingrid Lars Astrid Magnus Freja Henrik Sigrid Nils Maja Björn Liv",
     "Andersson Johansson Nilsson Hansen Berg Solberg Eriksen Holm Sørensen Lund Dahl Nyström", 2),
    ("Daan Sanne Joris Femke Ruben Lotte Bram Anouk",
     "de_Vries van_Dijk Bakker Visser Smit Meijer de_Boer Mulder Jansen van_den_Berg", 1),
    ("Camille Julien Élodie Mathieu Chloé Antoine Manon Théo Léa Nicolas",
     "Dubois Moreau Laurent Lefèvre Girard Bonnet Fontaine Rousseau Mercier Lambert", 1),
    ("Giulia Marco Chiara Alessandro Francesca Luca Martina Davide Elena Matteo",
     "Bianchi Romano Colombo Ricci Marino Greco Bruno Conti De_Luca Ferraro", 1),
    ("Lucía Javier Carmen Alejandro Pablo Marta Sergio Inés Diego Nerea",
     "García Fernández López Martínez Sánchez Romero Navarro Torres Ruiz Ortega", 1),
    ("Mateo Valentina Santiago Camila Sebastián Daniela Andrés Isabela Gabriela Rodrigo",
     "Hernández Ramírez Castillo Morales Vargas Rojas Mendoza Guerrero Flores Reyes", 2),
    ("João Beatriz Rafael Larissa Thiago Mariana Gustavo Fernanda Bruno Ana",
     "Silva Santos Oliveira Souza Pereira Costa Carvalho Almeida Ribeiro Gonçalves", 1),
    ("Katarzyna Piotr Agnieszka Tomasz Magdalena Paweł Zofia Michał Jakub Tereza",
     "Nowak Wójcik Kowalczyk Mazur Krawczyk Dvořák Horák Kubiak Sikora Walczak", 1),
    ("Dmytro Olena Andriy Natalia Oleksandr Iryna Mykola Yulia Serhiy Tetiana",
     "Petrenko Kovalenko Bondarenko Tkachenko Kravchenko Melnyk Shevchuk Lysenko Marchenko Savchenko", 1),
    ("Elif Emre Zeynep Burak Ayşe Mehmet Deniz Can Selin Kerem",
     "Yılmaz Kaya Demir Şahin Çelik Aydın Öztürk Arslan Doğan Koç", 1),
    ("Omar Layla Youssef Nour Karim Rania Tariq Salma Hassan Mariam",
     "Haddad Khalil Mansour Nasser Saleh Farouk Aziz Hamdan Sabbagh Khoury", 1),
    ("Dariush Shirin Arash Niloufar Kian Parisa Reza Leila",
     "Tehrani Karimi Moradi Rostami Jafari Ahmadi Hosseini Sadeghi", 1),
    ("Aarav Ananya Rohan Kavya Vikram Meera Arjun Nisha Siddharth Divya Karthik Lakshmi Rahul Shreya Aditya Pooja",
     "Sharma Iyer Krishnan Patel Nair Reddy Gupta Menon Chatterjee Desai Subramanian Kapoor Banerjee Rao Pillai Joshi", 3),
    ("Ayesha Bilal Fatima Imran Sana Usman Nadia Farhan Tasnim Rafiq",
     "Qureshi Siddiqui Chaudhry Malik Hussain Akhtar Islam Chowdhury Rahman Haque", 1),
    ("Wei Mei Jun Xiao Hao Yan Jing Lei Ying Zhen Tao Lin",
     "Zhang Wang Liu Chen Huang Zhou Wu Xu Sun Ma Zhao Lin", 2),
    ("Haruto Yui Kenji Aiko Takeshi Sakura Ren Daiki Yuki Hiroshi Emi Sora",
     "Tanaka Suzuki Takahashi Watanabe Ito Yamamoto Nakamura Kobayashi Sato Kato Yoshida Mori", 1),
    ("Minjun Seo-yeon Jiwoo Hyun Dong-hyun Eunji Taeyang Soo-ah Jae-won Hana",
     "Kim Lee Park Choi Jung Kang Cho Yoon Jang Han", 1),
    ("Linh Minh Thảo Quang Hương Tuấn Lan Duc Mai Bao",
     "Nguyen Tran Le Pham Hoang Vu Dang Bui Do Ngo", 1),
    ("Maricel Jose Kristine Paolo Angelica Miguel Rhea Carlo Jasmine Noel",
     "Dela_Cruz Bautista Villanueva Ramos Aquino Gonzales Castro Manalo Santiago Mercado", 1),
    ("Siobhan Declan Aoife Ciarán Niamh Liam Róisín Eoin Orla Cormac",
     "O'Connor Murphy Byrne Kelly Doyle O'Sullivan Walsh McCarthy Brennan Fitzgerald", 1),
    ("Emily James Hannah Oliver Grace Benjamin Olivia Samuel Chloe Ethan Megan Nathan Rachel Tyler Abigail Caleb",
     "Thompson Carter Mitchell Bennett Hughes Parker Collins Foster Brooks Whitfield Hayes Sullivan Morgan Harper Ellis Graham", 3),
    ("Nikos Eleni Giorgos Katerina Dimitris Yannis Ioanna Stavros",
     "Papadopoulos Georgiou Nikolaidis Dimitriou Konstantinou Alexiou Vasileiou Christodoulou", 1),
    ("Noa Eitan Tamar Yael Ariel Shira Avi Maya",
     "Cohen Levi Mizrahi Peretz Friedman Katz Ben-David Shapiro", 1),
]
# Pairings that happen to name well-known people are skipped.
AVOID = {"Oliver Reed", "James Carter", "Marco Rossi", "Lin Lin", "Santiago Santiago", "Bruno Bruno"}

FIXED_PEOPLE = {
    "p001": "Amara Okafor",
    "p002": "Jonas Weber",
    "p003": "Priya Raman",
    "p004": "Sofia Lindqvist",
    "p005": "Daniel Mensah",
}

_used_names = set(FIXED_PEOPLE.values())
_cultures = [(g.split(), [s.replace("_", " ") for s in f.split()], w) for g, f, w in CULTURES]


def new_name():
    while True:
        given, family, _ = rng.choices(_cultures, weights=[w for _, _, w in _cultures])[0]
        name = f"{rng.choice(given)} {rng.choice(family)}"
        if name not in _used_names and name not in AVOID:
            _used_names.add(name)
            return name


def ascii_letters(s):
    s = s.replace("ø", "o").replace("Ø", "O").replace("ł", "l").replace("Ł", "L").replace("ı", "i")
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if c.isascii() and c.isalpha()).lower()


# --------------------------------------------------------------------------------------------
# Organisation: department head -> (directors ->) team leads -> staff. Depth is at most 5.
# A team is (key, lead title, staff title or list of titles, number of staff).
# --------------------------------------------------------------------------------------------
ORG = [
    # dept, head id, head title, groups: [(director title or None, [teams])], direct reports
    ("Security", "p002", "Head of Security",
     [(None, [("sec_eng", "Security Engineering Lead", "Security Engineer", 3),
              ("grc", "GRC Lead", "Compliance Analyst", 2)])],
     ["Security Analyst"]),
    ("Engineering", "p003", "VP Engineering",
     [("Director of Platform",
       [("platform", "Platform Engineering Lead", "Platform Engineer", 6),
        ("sre", "SRE Lead", "Site Reliability Engineer", 6),
        ("devex", "Developer Experience Lead", "Build Engineer", 4)]),
      ("Director of Product Engineering",
       [("backend", "Backend Lead", "Backend Engineer", 12),
        ("frontend", "Frontend Lead", "Frontend Engineer", 10),
        ("integrations", "Integrations Lead", "Integrations Engineer", 6),
        ("mobile", "Mobile Lead", "Mobile Engineer", 5),
        ("qa", "QA Lead", "QA Engineer", 5)])],
     []),
    ("IT", "p004", "Head of IT",
     [(None, [("it_ops", "IT Systems Lead", "Systems Administrator", 4),
              ("helpdesk", "Help Desk Lead", "IT Support Specialist", 3)])],
     []),
    ("Legal", "p005", "General Counsel", [],
     ["Corporate Counsel", "Commercial Counsel", "Privacy Counsel", "Paralegal"]),
    ("Data", "p006", "Head of Data",
     [(None, [("data_eng", "Data Engineering Lead", "Data Engineer", 8),
              ("analytics", "Analytics Lead", "Analytics Engineer", 6),
              ("data_science", "Data Science Lead", "Data Scientist", 3)])],
     []),
    ("Product", "p007", "VP Product",
     [(None, [("pm", "Group Product Manager", "Product Manager", 6),
              ("design", "Design Lead", "Product Designer", 5)])],
     []),
    ("Sales", "p008", "VP Sales",
     [(None, [("sales_ops", "RevOps Lead", "Sales Operations Analyst", 3),
              ("ae_east", "Sales Manager, East", "Account Executive", 8),
              ("ae_west", "Sales Manager, West", "Account Executive", 8),
              ("sdr", "SDR Manager", "Sales Development Rep", 7),
              ("se", "Sales Engineering Lead", "Sales Engineer", 3)])],
     []),
    ("Customer Success", "p009", "VP Customer Success",
     [(None, [("csm", "CSM Lead", "Customer Success Manager", 7),
              ("support", "Support Lead",
               ["Support Operations Specialist"] + ["Support Engineer"] * 10, 11),
              ("onboarding", "Onboarding Lead", "Onboarding Specialist", 2)])],
     []),
    ("Finance", "p010", "CFO",
     [(None, [("accounting", "Controller",
               ["Senior Accountant", "Accountant", "AP Specialist", "AR Specialist", "Payroll Specialist"], 5),
              ("fpa", "FP&A Lead", "Financial Analyst", 3)])],
     []),
    ("People", "p011", "Head of People",
     [(None, [("recruiting", "Recruiting Lead", "Recruiter", 4),
              ("people_ops", "People Ops Lead", "People Operations Partner", 2)])],
     []),
    ("Marketing", "p012", "VP Marketing",
     [(None, [("demand_gen", "Demand Generation Lead",
               ["Marketing Operations Manager"] + ["Demand Gen Manager"] * 4, 5),
              ("content", "Content & Brand Lead", "Content Marketer", 4),
              ("pmm", "Product Marketing Lead", "Product Marketing Manager", 3)])],
     []),
]

people = []  # dicts; "id" assigned later for everyone but the CEO and department heads


def person(dept, title, manager, team=None, level="staff", pid=None, name=None):
    p = {"id": pid, "name": name or new_name(), "dept": dept, "title": title, "manager": manager,
         "team": team, "level": level, "status": "active", "roles": "", "reports": []}
    if manager is not None:
        manager["reports"].append(p)
    people.append(p)
    return p


ceo = person("Executive", "CEO", None, team="exec", level="ceo", pid="p001", name=FIXED_PEOPLE["p001"])
person("Executive", "Executive Assistant", ceo, team="exec")
HEAD = {}
for dept, hid, htitle, groups, direct in ORG:
    head = person(dept, htitle, ceo, team="head", level="head", pid=hid, name=FIXED_PEOPLE.get(hid))
    HEAD[dept] = head
    for title in direct:
        person(dept, title, head, team="direct")
    for director_title, teams in groups:
        boss = head
        if director_title:
            boss = person(dept, director_title, head, team="director", level="director")
        for key, lead_title, staff_title, n in teams:
            lead = person(dept, lead_title, boss, team=key, level="lead")
            titles = staff_title if isinstance(staff_title, list) else [staff_title] * n
            for i in range(n):
                person(dept, titles[i], lead, team=key)

for pid in ("p002", "p005"):
    next(p for p in people if p["id"] == pid)["roles"] = "compliance-lead"

# Stable ids: the CEO and department heads are p001-p012, everyone else gets p013.. in a
# shuffled (hire-like) order.
rest = [p for p in people if p["id"] is None]
rng.shuffle(rest)
for i, p in enumerate(rest, start=13):
    p["id"] = f"p{i:03d}"
people.sort(key=lambda p: p["id"])
BY_ID = {p["id"]: p for p in people}


def team(key, level=None):
    return [p for p in people if p["team"] == key and (level is None or p["level"] == level)]


def lead(key):
    return team(key, "lead")[0]


def director(title):
    return next(p for p in people if p["title"] == title)


# Leavers: staff (never managers) from across the company.
LEAVERS = [  # team, title (None = any staff title), last working day
    ("demand_gen", "Marketing Operations Manager", "2026-09-14"),
    ("helpdesk", None, "2026-08-28"),
    ("sre", None, "2026-10-06"),
    ("backend", None, "2026-10-15"),
    ("frontend", None, "2026-05-29"),
    ("qa", None, "2026-08-21"),
    ("data_eng", None, "2026-06-09"),
    ("ae_east", None, "2026-10-20"),
    ("ae_west", None, "2026-09-04"),
    ("sdr", None, "2026-10-23"),
    ("csm", None, "2026-08-14"),
    ("support", "Support Engineer", "2026-10-09"),
    ("pm", None, "2026-09-25"),
    ("accounting", "Accountant", "2026-08-28"),
    ("content", None, "2026-09-30"),
]
leaver = {}
for key, title, last_day in LEAVERS:
    pool = [p for p in team(key, "staff") if title is None or p["title"] == title]
    p = rng.choice(sorted(pool, key=lambda q: q["id"]))
    assert not p["reports"]
    p["status"] = "terminated"
    p["last_day"] = D(last_day)
    leaver[key] = p

# --------------------------------------------------------------------------------------------
# Systems
# --------------------------------------------------------------------------------------------
SYSTEMS = [  # slug, name, owner, description
    ("aws-prod", "AWS Production", director("Director of Platform"),
     "Production AWS account hosting the customer-facing analytics platform"),
    ("aws-staging", "AWS Staging", lead("platform"),
     "Staging AWS account for pre-release testing, load tests and sales demos"),
    ("okta", "Okta", BY_ID["p004"], "Single sign-on, MFA and lifecycle provisioning for all staff"),
    ("google-workspace", "Google Workspace", BY_ID["p004"], "Email, calendar, Drive and Docs for all staff"),
    ("slack", "Slack", lead("it_ops"), "Company chat, plus shared channels with customers"),
    ("1password", "1Password Business", BY_ID["p002"], "Company password manager and shared team vaults"),
    ("github", "GitHub Enterprise", BY_ID["p003"], "Source code, pull requests and CI workflows"),
    ("jira", "Jira Software", lead("it_ops"), "Issue tracking and sprint planning for engineering and product"),
    ("confluence", "Confluence", lead("helpdesk"), "Internal wiki, runbooks and design docs"),
    ("datadog", "Datadog", lead("sre"), "Infrastructure monitoring, APM and log management"),
    ("pagerduty", "PagerDuty", lead("sre"), "On-call schedules and incident alerting"),
    ("snowflake", "Snowflake", BY_ID["p006"], "Data warehouse with product usage and customer analytics data"),
    ("salesforce", "Salesforce Sales Cloud", lead("sales_ops"), "CRM for pipeline, opportunities and customer contracts"),
    ("hubspot", "HubSpot Marketing Hub", leaver["demand_gen"],
     "Marketing automation, email campaigns and lead scoring"),
    ("zendesk", "Zendesk Support", lead("support"), "Customer support tickets and the public help center"),
    ("netsuite", "NetSuite", lead("accounting"), "ERP for general ledger, billing, AP and AR"),
    ("bamboohr", "BambooHR", BY_ID["p011"], "HR system of record: employee data, time off, onboarding"),
]
USERNAME_SYSTEMS = {"aws-prod", "aws-staging", "github", "snowflake"}

PRIVILEGED = {
    "aws-prod": {"AdministratorAccess", "PowerUserAccess"},
    "aws-staging": {"AdministratorAccess", "PowerUserAccess"},
    "okta": {"Super Administrator", "Org Administrator", "App Administrator", "Help Desk Admin"},
    "google-workspace": {"Super Admin", "User Management Admin", "Help Desk Admin"},
    "slack": {"Primary Owner", "Workspace Owner", "Workspace Admin"},
    "1password": {"Owner", "Administrator"},
    "github": {"Owner", "Admin"},
    "jira": {"Site Admin", "Jira Administrator"},
    "confluence": {"Site Admin", "Confluence Administrator"},
    "datadog": {"Datadog Admin Role"},
    "pagerduty": {"Account Owner", "Admin"},
    "snowflake": {"ACCOUNTADMIN", "SECURITYADMIN", "SYSADMIN", "USERADMIN"},
    "salesforce": {"System Administrator"},
    "hubspot": {"Super Admin"},
    "zendesk": {"Admin"},
    "netsuite": {"Administrator", "CFO"},
    "bamboohr": {"Full Admin", "HR Admin", "Payroll Admin"},
}
SYSTEM_ORDER = {s[0]: i for i, s in enumerate(SYSTEMS)}

# Emails and usernames
_emails, _users = set(), set()
for p in people:
    first, last = p["name"].split(" ", 1)
    local = f"{ascii_letters(first)}.{ascii_letters(last)}"
    email, n = f"{local}@{DOMAIN}", 2
    while email in _emails:
        email, n = f"{local}{n}@{DOMAIN}", n + 1
    _emails.add(email)
    p["email"] = email
    base = ascii_letters(first)[0] + ascii_letters(last)
    user, k = base, 2
    while user in _users:
        user, k = (ascii_letters(first)[:k] + ascii_letters(last)), k + 1
    _users.add(user)
    p["user"] = user

# --------------------------------------------------------------------------------------------
# Entitlements
# --------------------------------------------------------------------------------------------
ENG_TEAMS = {"platform", "sre", "devex", "backend", "frontend", "integrations", "mobile", "qa"}
MANAGER_LEVELS = {"ceo", "head", "director", "lead"}


def chance(x):
    return rng.random() < x


def profile(p):
    """The (system, role) pairs a person in this position would normally hold."""
    t, lvl, dept, title = p["team"], p["level"], p["dept"], p["title"]
    is_lead = lvl == "lead"
    acc = {"okta": "User", "google-workspace": "User", "slack": "Member"}

    def add(system, role):
        acc[system] = role

    if p["reports"]:
        add("bamboohr", "Manager")

    # Engineering ----------------------------------------------------------------------------
    if dept == "Engineering":
        add("jira", "User")
        if lvl in ("head", "director") or is_lead or chance(0.15):
            add("confluence", "User")
        if p["id"] == "p003":
            add("github", "Owner"); add("aws-prod", "ReadOnlyAccess"); add("aws-staging", "ReadOnlyAccess")
            add("datadog", "Datadog Read Only Role"); add("pagerduty", "Observer"); add("1password", "Member")
        elif title == "Director of Platform":
            add("github", "Owner"); add("aws-prod", "AdministratorAccess"); add("aws-staging", "AdministratorAccess")
            add("datadog", "Datadog Admin Role"); add("pagerduty", "Account Owner"); add("1password", "Member")
        elif title == "Director of Product Engineering":
            add("github", "Maintainer"); add("aws-staging", "DeveloperAccess")
            add("datadog", "Datadog Standard Role"); add("pagerduty", "Manager"); add("1password", "Member")
        else:
            add("github", "Admin" if (is_lead and t == "devex") else "Maintainer" if is_lead else "Write")
            if is_lead and t == "devex":
                add("jira", "Jira Administrator")
            if (t in ("platform", "sre") and chance(0.5)) or is_lead or chance(0.08):
                add("1password", "Member")
            # AWS staging
            if t in ("platform", "sre"):
                add("aws-staging", "AdministratorAccess" if is_lead else "PowerUserAccess")
            elif t == "devex":
                add("aws-staging", "PowerUserAccess")
            elif chance({"backend": 0.7, "integrations": 0.7, "qa": 0.6, "frontend": 0.3, "mobile": 0.25}[t]):
                add("aws-staging", "DeveloperAccess")
            # AWS prod
            if t == "sre":
                add("aws-prod", "AdministratorAccess" if is_lead else "PowerUserAccess")
            elif t == "platform":
                add("aws-prod", "PowerUserAccess" if (is_lead or chance(0.45)) else "ReadOnlyAccess")
            elif t == "devex" and chance(0.5):
                add("aws-prod", "ReadOnlyAccess")
            elif t in ("backend", "integrations") and (is_lead or chance(0.3)):
                add("aws-prod", "ReadOnlyAccess")
            # Observability and on-call
            if t == "sre" and is_lead:
                add("datadog", "Datadog Admin Role")
            elif t in ("platform", "sre") or (t in ("devex", "backend", "integrations") and chance(0.5)) \
                    or chance(0.2):
                add("datadog", "Datadog Read Only Role" if t == "qa" else "Datadog Standard Role")
            if t == "sre" and is_lead:
                add("pagerduty", "Admin")
            elif is_lead and t in ("platform", "backend", "integrations", "mobile"):
                add("pagerduty", "Manager")
            elif t in ("platform", "sre") or (t == "backend" and chance(0.4)) or (t == "integrations" and chance(0.4)):
                add("pagerduty", "Responder")
            if t == "backend" and chance(0.15):
                add("snowflake", "ANALYST")
            if t in ("backend", "integrations") and chance(0.15):
                add("zendesk", "Light Agent")

    # Data -----------------------------------------------------------------------------------
    elif dept == "Data":
        add("jira", "User")
        if chance(0.3) or lvl != "staff":
            add("confluence", "User")
        if chance(0.3) or lvl != "staff":
            add("1password", "Member")
        if lvl == "head":
            add("snowflake", "ACCOUNTADMIN"); add("aws-prod", "ReadOnlyAccess"); add("github", "Read")
        elif t == "data_eng":
            add("snowflake", "SYSADMIN" if is_lead else "TRANSFORMER")
            add("github", "Maintainer" if is_lead else "Write")
            add("aws-prod", "DataEngineerAccess")
            if is_lead or chance(0.4):
                add("aws-staging", "DeveloperAccess")
            if is_lead or chance(0.3):
                add("datadog", "Datadog Standard Role")
            if chance(0.25):
                add("pagerduty", "Responder")
        elif t == "analytics":
            add("snowflake", "TRANSFORMER" if is_lead else "ANALYST")
            if is_lead or chance(0.4):
                add("github", "Write")
        elif t == "data_science":
            add("snowflake", "ANALYST")
            if is_lead or chance(0.5):
                add("github", "Write")

    # Product --------------------------------------------------------------------------------
    elif dept == "Product":
        add("jira", "User"); add("confluence", "User")
        if chance(0.15) or lvl != "staff":
            add("1password", "Member")
        if t == "pm" or lvl == "head":
            if chance(0.6) or lvl != "staff":
                add("snowflake", "REPORTER")
            if chance(0.3):
                add("salesforce", "Read Only")
            if chance(0.3):
                add("zendesk", "Light Agent")
        if t == "design" and chance(0.3):
            add("github", "Read")

    # Sales ----------------------------------------------------------------------------------
    elif dept == "Sales":
        if lvl == "head":
            add("salesforce", "Sales Manager"); add("hubspot", "Sales"); add("snowflake", "REPORTER")
            add("confluence", "User"); add("1password", "Member")
        elif t == "sales_ops":
            first_analyst = min(q["id"] for q in team("sales_ops", "staff"))
            add("salesforce", "System Administrator" if (is_lead or p["id"] == first_analyst) else "Sales Operations")
            add("hubspot", "Sales"); add("snowflake", "REPORTER"); add("confluence", "User"); add("1password", "Member")
        elif t in ("ae_east", "ae_west"):
            add("salesforce", "Sales Manager" if is_lead else "Sales Rep")
            if is_lead or chance(0.4):
                add("hubspot", "Sales")
            if chance(0.1):
                add("confluence", "User")
        elif t == "sdr":
            add("salesforce", "Sales Manager" if is_lead else "Sales Development")
            add("hubspot", "Sales")
        elif t == "se":
            add("salesforce", "Sales Engineer"); add("jira", "User"); add("confluence", "User")
            if chance(0.4):
                add("aws-staging", "ReadOnlyAccess")
            if chance(0.3):
                add("zendesk", "Light Agent")
            if chance(0.3):
                add("github", "Read")
        if chance(0.08) and "1password" not in acc:
            add("1password", "Member")

    # Customer Success ----------------------------------------------------------------------
    elif dept == "Customer Success":
        if lvl == "head":
            add("zendesk", "Admin"); add("salesforce", "Customer Success"); add("confluence", "User")
            add("1password", "Member"); add("snowflake", "REPORTER")
        elif t == "support":
            add("zendesk", "Admin" if (is_lead or title == "Support Operations Specialist") else "Agent")
            if is_lead or chance(0.6):
                add("jira", "User")
            if chance(0.3) or lvl != "staff":
                add("confluence", "User")
            if chance(0.25):
                add("salesforce", "Read Only")
            if chance(0.3):
                add("datadog", "Datadog Read Only Role")
        else:  # csm, onboarding
            add("salesforce", "Customer Success")
            add("zendesk", "Agent" if t == "onboarding" else "Light Agent")
            if chance(0.3):
                add("hubspot", "View Only")
            if chance(0.2) or is_lead:
                add("snowflake", "REPORTER")
            if chance(0.2):
                add("confluence", "User")
        if chance(0.12) and "1password" not in acc:
            add("1password", "Member")

    # Finance --------------------------------------------------------------------------------
    elif dept == "Finance":
        add("1password", "Member")
        if chance(0.4) or lvl != "staff":
            add("confluence", "User")
        role = {"CFO": "CFO", "Controller": "Administrator", "AP Specialist": "A/P Clerk",
                "AR Specialist": "A/R Clerk", "FP&A Lead": "Financial Analyst",
                "Financial Analyst": "Financial Analyst"}.get(title, "Accountant")
        add("netsuite", role)
        if title in ("CFO", "Controller", "AR Specialist"):
            add("salesforce", "Read Only")
        if t == "fpa" or lvl == "head":
            add("snowflake", "REPORTER")
        if title in ("CFO", "FP&A Lead"):
            add("aws-prod", "Billing")
        if title == "Payroll Specialist":
            add("bamboohr", "Payroll Admin")

    # People ---------------------------------------------------------------------------------
    elif dept == "People":
        if chance(0.6) or lvl != "staff":
            add("confluence", "User")
        if chance(0.3) or lvl != "staff":
            add("1password", "Member")
        if lvl == "head":
            add("bamboohr", "Full Admin")
        elif t == "people_ops":
            add("bamboohr", "HR Admin")
        else:
            add("bamboohr", "Manager" if p["reports"] else "Recruiter")

    # Security -------------------------------------------------------------------------------
    elif dept == "Security":
        add("jira", "User"); add("confluence", "User")
        add("1password", "Owner" if lvl == "head" else "Administrator" if (is_lead and t == "sec_eng") else "Member")
        if lvl == "head" or (is_lead and t == "grc"):
            add("okta", "Read Only Admin")
        if t in ("sec_eng", "head", "direct"):
            add("aws-prod", "SecurityAudit")
            add("datadog", "Datadog Read Only Role" if lvl == "head" else "Datadog Standard Role")
        if t == "sec_eng":
            add("aws-staging", "SecurityAudit")
            add("github", "Maintainer" if is_lead else "Read")
            add("pagerduty", "Manager" if is_lead else "Responder")
            if is_lead:
                add("okta", "Read Only Admin"); add("snowflake", "SECURITYADMIN")
        if lvl == "head":
            add("github", "Read")

    # IT -------------------------------------------------------------------------------------
    elif dept == "IT":
        add("jira", "User"); add("confluence", "User"); add("1password", "Member")
        if lvl == "head":
            add("okta", "Super Administrator"); add("google-workspace", "Super Admin")
            add("slack", "Primary Owner"); add("1password", "Owner"); add("jira", "Site Admin")
        elif t == "it_ops":
            if is_lead:
                add("okta", "Super Administrator"); add("google-workspace", "Super Admin")
                add("slack", "Workspace Admin"); add("1password", "Administrator"); add("jira", "Site Admin")
                add("confluence", "Confluence Administrator")
        elif t == "helpdesk":
            add("okta", "Help Desk Admin"); add("google-workspace", "Help Desk Admin")
            if is_lead:
                add("slack", "Workspace Admin"); add("confluence", "Confluence Administrator")

    # Legal ----------------------------------------------------------------------------------
    elif dept == "Legal":
        add("1password", "Member")
        if chance(0.6) or lvl == "head":
            add("confluence", "User")
        if title == "Commercial Counsel":
            add("salesforce", "Contract Manager")
        if title == "Privacy Counsel":
            add("jira", "User")

    # Marketing ------------------------------------------------------------------------------
    elif dept == "Marketing":
        add("hubspot", "Super Admin" if (lvl == "head" or title == "Marketing Operations Manager") else "Marketing")
        if t == "demand_gen" or lvl == "head":
            add("salesforce", "Marketing User")
        if title == "Marketing Operations Manager":
            add("snowflake", "REPORTER"); add("1password", "Member")
        if t == "pmm":
            if chance(0.5):
                add("salesforce", "Read Only")
            if chance(0.5):
                add("jira", "User")
        if chance(0.15) or lvl != "staff":
            add("confluence", "User")
        if chance(0.15):
            add("1password", "Member")

    # Executive ------------------------------------------------------------------------------
    elif dept == "Executive":
        add("1password", "Member"); add("confluence", "User")
        if lvl == "ceo":
            add("salesforce", "Read Only")
            add("aws-prod", "AdministratorAccess")  # finding: founder-era admin the CEO no longer needs

    return acc


# Slightly awkward but deterministic: fix IT ops delegated admin roles by position in the team.
def it_ops_extras():
    staff = sorted(team("it_ops", "staff"), key=lambda q: q["id"])
    return {staff[0]["id"]: [("okta", "Org Administrator"), ("google-workspace", "User Management Admin")],
            staff[1]["id"]: [("okta", "App Administrator")]}


def daily_date():
    return NEWEST - dt.timedelta(days=rng.randint(0, 10))


def normal_date():
    span = (NEWEST - NORMAL_OLDEST).days
    return NEWEST - dt.timedelta(days=min(span, int(rng.expovariate(1 / 18))))


def dormant_date(oldest="2025-09-01"):
    span = (DORMANT_NEWEST - D(oldest)).days
    return DORMANT_NEWEST - dt.timedelta(days=rng.randint(0, span))


rows = {}  # (account, system) -> row dict


def put(account, person_id, system, role, last_login):
    assert system in SYSTEM_ORDER, system
    key = (account, system)
    rows[key] = {"account": account, "person": person_id, "system": system, "role": role,
                 "privileged": "true" if role in PRIVILEGED[system] else "false",
                 "last_login": last_login.isoformat() if last_login else ""}


def account_for(p, system):
    return p["user"] if system in USERNAME_SYSTEMS else p["email"]


DAILY = {"okta", "google-workspace", "slack"}
extras = it_ops_extras()
for p in people:
    if p["status"] != "active":
        continue
    acc = profile(p)
    for system, role in extras.get(p["id"], []):
        acc[system] = role
    for system, role in sorted(acc.items(), key=lambda kv: SYSTEM_ORDER[kv[0]]):
        if system in DAILY:
            when = daily_date()
        elif role not in PRIVILEGED[system] and chance(0.045):
            when = dormant_date()  # noise: ordinary accounts nobody has used for months
        else:
            when = normal_date()
        put(account_for(p, system), p["id"], system, role, when)


def pick(team_key, level="staff", exclude=()):
    pool = [p for p in team(team_key, level) if p["status"] == "active" and p["id"] not in exclude]
    return rng.choice(sorted(pool, key=lambda q: q["id"]))


def plant(p, system, role, last_login):
    put(account_for(p, system), p["id"], system, role, D(last_login) if last_login else None)


# Dormant privileged accounts held by active people (all before 2026-07-04).
used = set()
for who, system, role, when in [
    (director("Director of Product Engineering"), "github", "Owner", "2026-01-12"),
    (lead("data_eng"), "aws-prod", "AdministratorAccess", "2026-02-20"),
    ("backend", "aws-prod", "PowerUserAccess", "2026-04-03"),
    ("it_ops", "okta", "Super Administrator", "2025-11-28"),
    (lead("analytics"), "snowflake", "ACCOUNTADMIN", "2026-03-15"),
    ("pm", "salesforce", "System Administrator", "2026-01-30"),
    (BY_ID["p008"], "hubspot", "Super Admin", "2025-12-10"),
    (lead("csm"), "zendesk", "Admin", "2026-05-22"),
    (lead("fpa"), "netsuite", "Administrator", "2026-02-07"),
    (lead("people_ops"), "confluence", "Confluence Administrator", "2026-04-18"),
    ("frontend", "datadog", "Datadog Admin Role", "2026-05-02"),
    (lead("grc"), "1password", "Administrator", "2026-03-27"),
    (BY_ID["p003"], "pagerduty", "Admin", "2025-10-30"),
    (lead("qa"), "aws-staging", "AdministratorAccess", "2026-02-11"),
]:
    if isinstance(who, str):
        who = pick(who, exclude=used | set(extras))
    used.add(who["id"])
    plant(who, system, role, when)

# Accounts that were provisioned but never used (empty last_login).
for who, system, role in [
    ("backend", "aws-prod", "ReadOnlyAccess"),
    ("data_science", "snowflake", "ANALYST"),
    ("integrations", "pagerduty", "Responder"),
    ("ae_west", "1password", "Member"),
    (next(p for p in people if p["title"] == "Paralegal"), "salesforce", "Contract Manager"),
    (next(p for p in people if p["title"] == "Security Analyst"), "aws-staging", "AdministratorAccess"),
]:
    if isinstance(who, str):
        who = pick(who, exclude=used)
    used.add(who["id"])
    plant(who, system, role, None)

# A service account with a named owner (not an orphan: the person column says who owns it).
plant_owner = director("Director of Platform")
put("svc-terraform", plant_owner["id"], "aws-prod", "AdministratorAccess", daily_date())
put("svc-terraform", plant_owner["id"], "aws-staging", "AdministratorAccess", daily_date())
put("svc-datadog", lead("sre")["id"], "aws-prod", "ReadOnlyAccess", daily_date())

# Accounts left behind by leavers (everything else was removed through Okta deprovisioning).
LEFT_BEHIND = {
    "demand_gen": [("hubspot", "Super Admin"), ("salesforce", "Marketing User"), ("slack", "Member"),
                   ("google-workspace", "User")],
    "helpdesk": [("okta", "Help Desk Admin"), ("google-workspace", "Help Desk Admin"), ("1password", "Member")],
    "sre": [("aws-prod", "PowerUserAccess"), ("pagerduty", "Responder"), ("github", "Write"),
            ("datadog", "Datadog Standard Role")],
    "backend": [("github", "Write"), ("aws-staging", "DeveloperAccess")],
    "frontend": [("github", "Write")],
    "qa": [("jira", "User")],
    "data_eng": [("snowflake", "SYSADMIN"), ("aws-prod", "DataEngineerAccess"), ("github", "Write")],
    "ae_east": [("salesforce", "Sales Rep"), ("hubspot", "Sales")],
    "ae_west": [("salesforce", "Sales Rep")],
    "sdr": [("okta", "User"), ("google-workspace", "User"), ("slack", "Member"), ("hubspot", "Sales")],
    "csm": [("zendesk", "Light Agent"), ("salesforce", "Customer Success")],
    "support": [("zendesk", "Agent")],
    "pm": [("confluence", "User"), ("jira", "User"), ("snowflake", "REPORTER")],
    "accounting": [("netsuite", "Accountant"), ("1password", "Member")],
    "content": [],  # fully deprovisioned
}
for key, accounts in LEFT_BEHIND.items():
    p = leaver[key]
    for system, role in accounts:
        put(account_for(p, system), p["id"], system, role, p["last_day"] - dt.timedelta(days=rng.randint(0, 3)))

# Orphans: no person, or a person id that is not in people.csv.
ORPHANS = [  # account, person, system, role, last_login
    ("svc-backup", "", "aws-prod", "AdministratorAccess", "2026-11-20"),
    ("svc-etl", "", "snowflake", "SYSADMIN", "2026-11-20"),
    ("svc-etl", "", "aws-prod", "DataEngineerAccess", "2026-11-19"),
    ("svc-ci", "", "github", "Admin", "2026-11-20"),
    ("svc-ci", "", "aws-staging", "PowerUserAccess", "2026-11-20"),
    ("deploy-legacy", "", "aws-staging", "AdministratorAccess", "2025-08-14"),
    ("jenkins-deploy", "", "github", "Write", "2025-09-30"),
    ("admin@" + DOMAIN, "", "google-workspace", "Super Admin", "2026-09-02"),
    ("okta-breakglass@" + DOMAIN, "", "okta", "Super Administrator", ""),
    ("test.user@" + DOMAIN, "", "okta", "User", "2026-03-19"),
    ("marketing@" + DOMAIN, "", "hubspot", "Marketing", "2026-10-28"),
    ("support-bot@" + DOMAIN, "", "zendesk", "Agent", "2026-11-20"),
    ("mkovacs-ext", "c017", "github", "Write", "2026-04-11"),
    ("m.kovacs@brightlane-studio.example", "c017", "slack", "Multi-Channel Guest", "2026-04-10"),
    ("rvaldez-ext", "c023", "aws-staging", "DeveloperAccess", "2026-05-30"),
    ("r.valdez@" + DOMAIN, "c023", "jira", "User", "2026-05-29"),
    ("t.morin@northpeak-consulting.example", "c031", "salesforce", "System Administrator", "2026-02-14"),
    ("l.ferreira@" + DOMAIN, "p244", "datadog", "Datadog Standard Role", "2026-09-17"),
]
for account, pid, system, role, when in ORPHANS:
    put(account, pid, system, role, D(when) if when else None)

# --------------------------------------------------------------------------------------------
# Write the CSV files (RFC 4180, UTF-8, LF).
# --------------------------------------------------------------------------------------------


def write(name, header, records):
    with open(OUT / name, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(records)


write("people.csv", ["id", "name", "email", "manager", "department", "status", "roles"],
      [[p["id"], p["name"], p["email"], p["manager"]["id"] if p["manager"] else "", p["dept"],
        p["status"], p["roles"]] for p in people])
write("systems.csv", ["system", "name", "owner", "description"],
      [[slug, name, owner["id"], desc] for slug, name, owner, desc in SYSTEMS])


def row_key(r):
    return (SYSTEM_ORDER[r["system"]], r["person"] == "", r["person"], r["account"])


write("entitlements.csv", ["account", "person", "system", "role", "privileged", "last_login"],
      [[r["account"], r["person"], r["system"], r["role"], r["privileged"], r["last_login"]]
       for r in sorted(rows.values(), key=row_key)])

print(f"people={len(people)} systems={len(SYSTEMS)} entitlements={len(rows)}")
