package org.conditionalfeed.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The files of {@link MediaBenchmark}: MP3s of a given size (MPEG-1 Layer III frame headers over
 * random bytes, which the upload's type detection takes as {@code audio/mpeg} and nothing can
 * compress), their upload to the media API, and the check that a server serves exactly them.
 */
final class MediaFiles {

    private static final int FRAME = 417;
    private static final Pattern URL = Pattern.compile("\"url\"\\s*:\\s*\"https?://[^/\"]+(/media/[^\"]+)\"");
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private MediaFiles() {
    }

    /** "1 MiB", "100 MiB". */
    static String label(long length) {
        return (length >> 20) + " MiB";
    }

    static void writeMp3(Path file, long length) throws IOException {
        SplittableRandom random = new SplittableRandom(length);
        byte[] frame = new byte[FRAME];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < length; written += FRAME) {
                for (int i = 0; i < FRAME; i++) {
                    frame[i] = (byte) random.nextInt(256);
                }
                frame[0] = (byte) 0xFF;
                frame[1] = (byte) 0xFB;
                frame[2] = (byte) 0x90;
                frame[3] = (byte) 0x64;
                out.write(frame, 0, (int) Math.min(FRAME, length - written));
            }
        }
    }

    /** Uploads {@code file} to the media API at {@code base}; returns the medium's URL on that server. */
    static URI upload(URI base, Path file, String password) {
        String credentials = Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
        try {
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(base.resolve("/api/media"))
                    .timeout(Duration.ofMinutes(5))
                    .header("Authorization", "Basic " + credentials)
                    .header("Content-Type", "audio/mpeg")
                    .header("Content-Disposition", "attachment; filename=\"" + file.getFileName() + "\"")
                    .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
            Matcher url = URL.matcher(response.body());
            if (response.statusCode() != 201 || !url.find()) {
                throw new IllegalStateException("upload of " + file + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return base.resolve(url.group(1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Checks that {@code uri} serves exactly {@code expected}, or its first two bytes with 206 to the probe. */
    static void verify(String server, URI uri, byte[] expected, boolean probe) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(1));
        if (probe) {
            request.header("Range", "bytes=0-1");
        }
        HttpResponse<byte[]> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        boolean ok = probe
                ? response.statusCode() == 206 && Arrays.equals(response.body(), Arrays.copyOf(expected, 2))
                        && response.headers().firstValue("Content-Range").orElse("").equals("bytes 0-1/" + expected.length)
                : response.statusCode() == 200 && Arrays.equals(response.body(), expected);
        if (!ok) {
            throw new IllegalStateException(server + " answers " + uri + (probe ? " (bytes=0-1)" : "") + " with "
                    + response.statusCode() + " " + response.headers().map() + " and " + response.body().length
                    + " body bytes");
        }
    }

    static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("bench: could not delete all of " + directory + ": " + e.getMessage());
        }
    }
}
