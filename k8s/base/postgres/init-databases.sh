# Run once by the postgres image on an empty data directory (sourced from
# /docker-entrypoint-initdb.d): one database per service, each owned by the service's own
# role, so a service reaches its own data only (as in docker-compose.yml). The passwords come
# from the Secret lab-db-credentials through the environment; psql quotes them (:'password').
for service in orders payments inventory provider; do
	password_variable="$(echo "$service" | tr '[:lower:]' '[:upper:]')_DB_PASSWORD"
	eval "password=\${$password_variable:?$password_variable is not set}"
	psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
		-v role="$service" -v password="$password" <<'SQL'
CREATE ROLE :"role" LOGIN PASSWORD :'password';
CREATE DATABASE :"role" OWNER :"role";
REVOKE CONNECT ON DATABASE :"role" FROM PUBLIC;
SQL
done
unset password password_variable
