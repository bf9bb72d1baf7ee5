package io.cubeintegration.cli;

import io.cubeintegration.Patience;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cubeintegration.feed.Delivered;
import io.cubeintegration.feed.FeedYaml;
import org.junit.jupiter.api.Test;

/** CUBE_ROUTES_RELOAD=true on a running application: feed files added, broken and removed while it runs. */
class RoutesReloadTest extends ApplicationProcessTestSupport {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    // A feed file added while running starts its feed, which delivers what Cube holds; a broken edit of another file
    // (a bad cron, a misspelt time zone) is refused with one log line while both feeds keep running, and readiness
    // says why until a good version is saved; deleting the added file stops its feed.
    @Test
    void feedFilesTakeEffectWithoutARestart() throws Exception {
        Path routes = Files.createDirectories(workDir.resolve("feeds"));
        Path campaigns = write(routes, "campaigns.yaml", FeedYaml.feed("cube-snapshot-feed", "campaigns", "campaigns",
                "cron", "0/1 * * * * ?"));
        Map<String, String> environment = ApplicationEnvironment.of(cube, settings.token(), routes);
        environment.put("CUBE_ROUTES_RELOAD", "true");
        application = RunningApplication.start(workDir, environment);
        application.awaitRuns("campaigns", 1);

        Path fields = write(routes, "fields.yaml", FeedYaml.feed("cube-snapshot-feed", "custom-fields",
                "assignments/" + cube.account().defaultAssignmentId() + "/crm_custom_fields/", "cron", "0/1 * * * * ?"));
        application.awaitRuns("custom-fields", 1);
        List<JsonNode> delivered = output.completeLines("custom-fields").stream().map(Delivered::record).toList();
        assertFalse(delivered.isEmpty(), "the new feed delivered records");
        assertEquals(expectedCustomFields(), delivered, "the new feed delivers what Cube holds");

        write(routes, "campaigns.yaml", Files.readString(campaigns).replace("0/1 * * * * ?", "every second"));
        await().atMost(Patience.LONG).until(() -> application.output().contains("Feed file " + campaigns.toAbsolutePath()
                + " refused, the running feeds go on unchanged: " + campaigns.toAbsolutePath()
                + ": feed campaigns: parameter cron 'every second' is not a Quartz cron"));
        long campaignRuns = application.runs("campaigns", "ok");
        long fieldRuns = application.runs("custom-fields", "ok");
        application.awaitRuns("campaigns", campaignRuns + 2);
        application.awaitRuns("custom-fields", fieldRuns + 2);
        HttpResponse<String> refused = application.get("/observe/health/ready");
        assertEquals(503, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("feed-files") && refused.body().contains("parameter cron 'every second'"), refused.body());

        write(routes, "campaigns.yaml", Files.readString(campaigns).replace("every second", "0/1 * * * * ?")
                .replace("- name: cron", "- name: timeZone\n        value: \"Europe/Olso\"\n      - name: cron"));
        String timeZoneRefused = "Feed file " + campaigns.toAbsolutePath() + " refused, the running feeds go on unchanged: "
                + campaigns.toAbsolutePath() + ": feed campaigns: parameter timeZone 'Europe/Olso' is not a time zone id such as Europe/Oslo";
        await().atMost(Patience.LONG).until(() -> application.output().contains(timeZoneRefused));
        application.awaitRuns("campaigns", application.runs("campaigns", "ok") + 2);
        assertEquals(1, application.output().lines().filter(line -> line.contains(timeZoneRefused)).count(), "said once");
        assertFalse(application.output().contains("\tat "), "no stack trace");

        write(routes, "campaigns.yaml", Files.readString(campaigns).replace("Europe/Olso", "Europe/Oslo"));
        await().atMost(Patience.LONG).ignoreExceptions().until(() -> application.get("/observe/health/ready").statusCode() == 200);
        application.awaitRuns("campaigns", application.runs("campaigns", "ok") + 1);

        Files.delete(fields);
        await().atMost(Patience.LONG).until(() -> application.output().contains("its feeds [custom-fields] stopped"));
        long stoppedAt = application.runs("custom-fields", "ok");
        application.awaitRuns("campaigns", application.runs("campaigns", "ok") + 2);
        assertEquals(stoppedAt, application.runs("custom-fields", "ok"), "a removed file's feed runs no more");
    }

    private List<JsonNode> expectedCustomFields() throws IOException, InterruptedException {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(cube.baseUrl().resolve("assignments/"
                        + cube.account().defaultAssignmentId() + "/crm_custom_fields/"))
                .header("Authorization", "Token " + settings.token()).build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(answer.body());
        JsonNode records = body.isArray() ? body : body.path("results");
        return Stream.of(records).flatMap(array -> java.util.stream.StreamSupport.stream(array.spliterator(), false)).toList();
    }

    /** Writes a feed file as an editor saving it would: whole, in one rename. */
    private static Path write(Path folder, String name, String content) throws IOException {
        Path temporary = Files.writeString(folder.getParent().resolve(name + ".tmp"), content);
        return Files.move(temporary, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
