-- The tables SQLModel.metadata.create_all(engine) made for main.py on SQLite (SQLModel 0.0.47), as
-- sqlite_master records them: no SQL defaults, UUIDs as CHAR(32), datetimes as DATETIME text.
CREATE TABLE user (
	email VARCHAR(255) NOT NULL, 
	full_name VARCHAR(255), 
	id CHAR(32) NOT NULL, 
	hashed_password VARCHAR NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id)
);
CREATE UNIQUE INDEX ix_user_email ON user (email);
CREATE TABLE item (
	title VARCHAR(255) NOT NULL, 
	description VARCHAR(255), 
	id CHAR(32) NOT NULL, 
	owner_id CHAR(32) NOT NULL, 
	created_at DATETIME NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(owner_id) REFERENCES user (id)
);
