# syntax=docker/dockerfile:1

# ---- build stage -------------------------------------------------------------
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build

# Resolve dependencies first so they stay cached across source-only changes.
COPY pom.xml .
RUN mvn -B -q dependency:go-offline

# Everything else the build needs (src/, bpmn/, forms/, ...); .dockerignore keeps
# target/, node_modules/, .git/ and data/ out of the context.
COPY . .
RUN mvn -B -DskipTests package \
 && cp target/lead-sla-*.jar /build/app.jar

# ---- runtime stage -----------------------------------------------------------
FROM eclipse-temurin:17-jre

RUN groupadd --system leadsla \
 && useradd --system --gid leadsla --create-home --home-dir /app --shell /usr/sbin/nologin leadsla

WORKDIR /app
COPY --from=build --chown=leadsla:leadsla /build/app.jar /app/app.jar

USER leadsla
EXPOSE 8080
ENV JAVA_OPTS=""
# Inside a container the application must listen beyond its own loopback; which host ports reach it is the
# run's choice (-p, or docker-compose.yml with the postgres profile).
ENV LEADSLA_BIND_ADDRESS=0.0.0.0
ENTRYPOINT ["sh", "-c", "exec java $JAVA_OPTS -jar /app/app.jar"]
