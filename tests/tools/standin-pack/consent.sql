-- Stand-in consent schema, in the style of <IS_HOME>/dbscripts/consent/mysql.sql.
CREATE TABLE CM_PII_CATEGORY (
  ID           INTEGER AUTO_INCREMENT,
  NAME         VARCHAR(255) NOT NULL,
  DESCRIPTION  VARCHAR(1023),
  PRIMARY KEY (ID)
) ENGINE INNODB;
