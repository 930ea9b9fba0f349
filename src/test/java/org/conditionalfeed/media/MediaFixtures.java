package org.conditionalfeed.media;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.conditionalfeed.testing.ExternalCommand;
import org.conditionalfeed.testing.FeedClient;
import org.conditionalfeed.testing.MediaUploads;
import org.conditionalfeed.testing.FeedServer;
import org.conditionalfeed.testing.Mp3s;

/** Small real files of the accepted kinds, and the upload request the API takes. */
final class MediaFixtures {

    static final ObjectMapper JSON = new ObjectMapper();

    private MediaFixtures() {
    }

    static byte[] image(String format, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                image.setRGB(x, y, new Color(x * 255 / width, y * 255 / height, 128).getRGB());
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** {@code frames} MPEG-1 Layer III frames of silence, 128 kbit/s at 44.1 kHz (417 bytes each). */
    static byte[] mp3(int frames) {
        return Mp3s.silence(frames);
    }

    /**
     * A real MP3 made by ffmpeg: a 440 Hz tone of {@code seconds} at 64 kbit/s, or empty when
     * ffmpeg is not installed (Debian's {@code ffmpeg}).
     */
    static Optional<byte[]> ffmpegMp3(Path directory, int seconds) throws IOException, InterruptedException {
        if (ExternalCommand.run(directory, List.of("ffmpeg", "-version")).exit() != 0) {
            return Optional.empty();
        }
        Path file = directory.resolve("tone-" + seconds + "s.mp3");
        ExternalCommand made = ExternalCommand.run(directory, List.of("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                "sine=frequency=440:duration=" + seconds, "-codec:a", "libmp3lame", "-b:a", "64k", file.toString()));
        if (made.exit() != 0) {
            throw new IllegalStateException("ffmpeg failed: " + made.output());
        }
        return Optional.of(Files.readAllBytes(file));
    }

    /** A one-page PDF with nothing on it. */
    static byte[] pdf() {
        return ("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
                + "2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
                + "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
                + "trailer<</Root 1 0 R>>\n%%EOF\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** {@code POST /api/media} with the administrator's credentials. */
    static HttpResponse<byte[]> upload(FeedClient client, byte[] body, String type, String disposition) {
        return MediaUploads.send(client, body, type, disposition);
    }

    /** Uploads as {@code filename}, also one that is not ASCII, asserting {@code 201}; returns the medium's JSON. */
    static JsonNode uploaded(FeedClient client, byte[] body, String type, String filename) {
        boolean ascii = filename.chars().allMatch(c -> c >= 0x20 && c < 0x7F);
        return MediaUploads.created(upload(client, body, type, ascii ? MediaUploads.attachment(filename)
                : "attachment; filename*=UTF-8''" + MediaLinks.pathSegment(filename)));
    }

    static JsonNode json(HttpResponse<byte[]> response) {
        return MediaUploads.json(response);
    }

    /** The server path of a medium's absolute URL. */
    static String path(JsonNode media) {
        String url = media.get("url").asText();
        if (!url.startsWith(FeedServer.BASE_URL + "/media/")) {
            throw new AssertionError("not under " + FeedServer.BASE_URL + "/media/: " + url);
        }
        return url.substring(FeedServer.BASE_URL.length());
    }

    /** Rows in the media tables of the test server's H2 database in {@code directory}, complete or not. */
    static long[] rowCounts(Path directory) {
        try (Connection connection = connect(directory);
                Statement statement = connection.createStatement();
                ResultSet media = statement.executeQuery("SELECT (SELECT COUNT(*) FROM media),"
                        + " (SELECT COUNT(*) FROM media_chunk)")) {
            media.next();
            return new long[] {media.getLong(1), media.getLong(2)};
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts an upload that never completes, straight in the database; returns the medium's id. */
    static long incompleteMedium(Connection connection) {
        try (connection; Statement statement = connection.createStatement()) {
            statement.executeUpdate("INSERT INTO media (filename, type, length, created, complete)"
                    + " VALUES ('half.mp3', 'audio/mpeg', 0, CURRENT_TIMESTAMP, FALSE)", Statement.RETURN_GENERATED_KEYS);
            try (ResultSet key = statement.getGeneratedKeys()) {
                key.next();
                return key.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The test server's own H2 database in {@code directory}, opened in this JVM beside it. */
    static Connection connect(Path directory) throws SQLException {
        return DriverManager.getConnection("jdbc:h2:file:" + directory.resolve("feed").toAbsolutePath()
                + ";WRITE_DELAY=0;LOCK_TIMEOUT=15000;DB_CLOSE_ON_EXIT=FALSE", "sa", "");
    }
}
