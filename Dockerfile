# One image pattern for the five services; MODULE picks which one:
#   docker build --build-arg MODULE=order-service -t dslab/order-service:0.1.0 .
# docker-compose.yml builds all five this way. The build stage does not depend on MODULE, so the five
# builds share it through the layer cache: Maven runs, and downloads the dependencies, once.
# Plain Dockerfile syntax (no BuildKit-only features) so that docker-compose 1.29's classic builder,
# BuildKit and podman/buildah all accept it. Base images are arguments: swap them for a mirror or a
# hardened base without editing this file (deploy/podman/run.sh does, to build without a registry).
ARG BUILD_IMAGE=eclipse-temurin:21-jdk
ARG RUN_IMAGE=eclipse-temurin:21-jre

FROM ${BUILD_IMAGE} AS build
WORKDIR /workspace
ENV SERVICES=payment-provider,inventory-service,payment-service,order-service,gateway
# First the build files only, and a build of empty modules that downloads Maven, the plugins and the
# dependencies: this layer stays cached until a pom changes, so editing code does not download again.
# Every module of the reactor must be listed (Maven reads them all).
COPY mvnw pom.xml ./
COPY .mvn .mvn
COPY event-contracts/pom.xml event-contracts/
COPY reliability/pom.xml reliability/
COPY local-cluster/pom.xml local-cluster/
COPY payment-provider/pom.xml payment-provider/
COPY order-service/pom.xml order-service/
COPY inventory-service/pom.xml inventory-service/
COPY payment-service/pom.xml payment-service/
COPY gateway/pom.xml gateway/
COPY drills/pom.xml drills/
COPY deployment/pom.xml deployment/
COPY system-tests/pom.xml system-tests/
RUN ./mvnw -B -ntp -q -pl "$SERVICES" -am -Dmaven.test.skip=true -Dspring-javaformat.validate.skip=true \
      -Dspring-boot.repackage.skip=true package
COPY . .
RUN ./mvnw -B -ntp -q -pl "$SERVICES" -am -Dmaven.test.skip=true -Dspring-javaformat.validate.skip=true package

FROM ${RUN_IMAGE}
ARG MODULE
WORKDIR /app
COPY --from=build /workspace/${MODULE}/target/${MODULE}-*-exec.jar /app/app.jar
COPY deploy/docker/readiness /app/readiness
# Container-aware heap: a share of the container's memory limit, not of the host's memory. Serial GC
# and C1 only, as on the local cluster: small heaps, two cores, quick start. A service that runs out
# of memory exits and is restarted rather than limping on. Override per service with JDK_JAVA_OPTIONS.
ENV JDK_JAVA_OPTIONS="-XX:MaxRAMPercentage=50 -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError"
# A numeric non-root user: Kubernetes' runAsNonRoot can verify it without an /etc/passwd entry.
USER 10001:10001
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
