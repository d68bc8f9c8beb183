-- Stand-in identity schema, in the style of <IS_HOME>/dbscripts/identity/mysql.sql.
CREATE TABLE IF NOT EXISTS IDN_BASE_TABLE (
            PRODUCT_NAME VARCHAR(20),
            PRIMARY KEY (PRODUCT_NAME)
)ENGINE INNODB;

INSERT INTO IDN_BASE_TABLE values ('WSO2 Identity Server');

CREATE TABLE IF NOT EXISTS IDN_OAUTH_CONSUMER_APPS (
            ID INTEGER NOT NULL AUTO_INCREMENT,
            CONSUMER_KEY VARCHAR(255),
            APP_NAME VARCHAR(255) DEFAULT 'a name; with a semicolon',
            /* a block comment; with a semicolon */
            TENANT_ID INTEGER DEFAULT 0,
            PRIMARY KEY (ID)
)ENGINE INNODB;

# A hash comment, which MySQL also allows.
DELIMITER $$
CREATE PROCEDURE WSO2_STANDIN_CLEANUP()
BEGIN
    DELETE FROM IDN_OAUTH_CONSUMER_APPS WHERE APP_NAME = 'stale';
    SELECT 'done;' AS RESULT;
END$$
DELIMITER ;
