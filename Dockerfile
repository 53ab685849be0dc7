# One image per service: docker build --build-arg MODULE=referral-service .
FROM maven:3.9.11-eclipse-temurin-25 AS build
ARG MODULE
WORKDIR /src
COPY . .
RUN ./mvnw -q -B -DskipTests -pl ${MODULE} -am package && cp ${MODULE}/target/${MODULE}-*-exec.jar /app.jar

# A patched JRE release, pinned: bump it with each Temurin update (docs/deployment.md).
FROM eclipse-temurin:25.0.1_8-jre
RUN useradd --system --uid 10001 aiguillage && mkdir -p /var/lib/aiguillage && chown aiguillage /var/lib/aiguillage
USER aiguillage
COPY --from=build /app.jar /app/app.jar
ENV JAVA_TOOL_OPTIONS="-XX:+UseSerialGC -XX:MaxRAMPercentage=75"
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
