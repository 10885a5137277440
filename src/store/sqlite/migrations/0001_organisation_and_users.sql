-- The organisation tree and the people who use HQMS, with their role grants.
CREATE TABLE organisation (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE site (
  id INTEGER PRIMARY KEY,
  organisation_id INTEGER NOT NULL REFERENCES organisation(id),
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL
);

CREATE TABLE department (
  id INTEGER PRIMARY KEY,
  site_id INTEGER NOT NULL REFERENCES site(id),
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL
);
CREATE INDEX department_site ON department(site_id);

CREATE TABLE app_user (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  email TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL,
  home_department_id INTEGER REFERENCES department(id),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at TEXT NOT NULL,
  last_login_at TEXT
);
CREATE INDEX app_user_home_department ON app_user(home_department_id);

CREATE TABLE role_grant (
  user_id INTEGER NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  scope_type TEXT NOT NULL CHECK (scope_type IN ('organisation', 'site', 'department')),
  scope_id INTEGER NOT NULL,
  PRIMARY KEY (user_id, role, scope_type, scope_id)
);
CREATE INDEX role_grant_role ON role_grant(role);
