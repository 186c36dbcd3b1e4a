-- One database per service, each owned by the service's own role: a service can reach its own data
-- only. Run once by the postgres image on an empty data volume (/docker-entrypoint-initdb.d).
-- Lab passwords (role name = password); a real deployment takes them from a secret store.
CREATE ROLE orders LOGIN PASSWORD 'orders';
CREATE DATABASE orders OWNER orders;
REVOKE CONNECT ON DATABASE orders FROM PUBLIC;

CREATE ROLE payments LOGIN PASSWORD 'payments';
CREATE DATABASE payments OWNER payments;
REVOKE CONNECT ON DATABASE payments FROM PUBLIC;

CREATE ROLE inventory LOGIN PASSWORD 'inventory';
CREATE DATABASE inventory OWNER inventory;
REVOKE CONNECT ON DATABASE inventory FROM PUBLIC;

CREATE ROLE provider LOGIN PASSWORD 'provider';
CREATE DATABASE provider OWNER provider;
REVOKE CONNECT ON DATABASE provider FROM PUBLIC;
