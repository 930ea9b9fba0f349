package org.conditionalfeed.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** JDBC URLs as a log line may show them: every password replaced by {@code ***}, the rest intact. */
class RedactedTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "jdbc:h2:file:./data/feed | jdbc:h2:file:./data/feed",
        "jdbc:h2:file:./data/feed;PASSWORD=secret | jdbc:h2:file:./data/feed;PASSWORD=***",
        "jdbc:h2:file:./data/feed;password=secret;WRITE_DELAY=0 | jdbc:h2:file:./data/feed;password=***;WRITE_DELAY=0",
        "jdbc:postgresql://h/db?user=u&password=secret | jdbc:postgresql://h/db?user=u&password=***",
        "jdbc:postgresql://h/db?password=secret&ssl=true | jdbc:postgresql://h/db?password=***&ssl=true",
        "jdbc:postgresql://h/db?sslpassword=key&user=u | jdbc:postgresql://h/db?sslpassword=***&user=u",
        "jdbc:postgresql://h/db?PassWord=a%26b | jdbc:postgresql://h/db?PassWord=***",
        "jdbc:mysql://u:secret@h:3306/db | jdbc:mysql://u:***@h:3306/db",
        "jdbc:postgresql://h/db?user=password | jdbc:postgresql://h/db?user=password",
    })
    void masksEveryPassword(String url, String shown) {
        assertEquals(shown, Redacted.jdbcUrl(url));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "URL format error: jdbc:h2:x;PASSWORD=s3cret | URL format error: jdbc:h2:x;PASSWORD=***",
        "Wrong user name or password s3cret | Wrong user name or password ***",
    })
    void masksTheUrlAndItsPasswordsInAMessage(String message, String shown) {
        assertEquals(shown, Redacted.text(message, "jdbc:h2:x;PASSWORD=s3cret"));
    }
}
