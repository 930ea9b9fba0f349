package org.conditionalfeed.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Hostile and ordinary entry content, and what {@link ContentSanitizer} lets through. */
class ContentSanitizerTest {

    private static final String BASE = "https://blog.example.org/news";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // case                    | content as written                                                  | as rendered
        "meta refresh              | `<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\"><p>Hi</p>` | <p>Hi</p>",
        "meta refresh in noscript  | `<noscript><meta http-equiv=refresh content=0></noscript>ok`        | ok",
        "base                      | `<base href=\"https://evil.example/\"><a href=\"x\">x</a>`         | `<a href=\"https://blog.example.org/news/x\">x</a>`",
        "script                    | `<script>alert(1)</script><p>text</p>`                              | <p>text</p>",
        "script in attributes      | `<p onclick=\"alert(1)\" onmouseover=alert(2)>text</p>`            | <p>text</p>",
        "image error handler       | `<img src=\"https://x.example/a.png\" onerror=\"alert(1)\">`       | `<img src=\"https://x.example/a.png\">`",
        "javascript link           | `<a href=\"javascript:alert(1)\">click</a>`                          | <a>click</a>",
        "obfuscated javascript link| `<a href=\"jav&#x09;ascript:alert(1)\">click</a>`                   | <a>click</a>",
        "data link                 | `<a href=\"data:text/html,<script>alert(1)</script>\">x</a>`         | <a>x</a>",
        "iframe                    | `<iframe src=\"https://evil.example/\"></iframe>after`              | after",
        "form                      | `<form action=\"https://evil.example/\"><input name=q><button formaction=\"x\">Go</button></form>` | Go",
        "object and embed          | `<object data=\"x.swf\"></object><embed src=\"x.swf\">end`          | end",
        "style element             | `<style>body{display:none}</style><p>seen</p>`                      | <p>seen</p>",
        "style attribute           | `<p style=\"position:fixed;top:0\" class=\"c\" id=\"i\">p</p>`    | <p>p</p>",
        "svg with onload           | `<svg onload=\"alert(1)\"><circle r=\"1\"/></svg>`                  | ``",
        "link to a stylesheet      | `<link rel=\"stylesheet\" href=\"https://evil.example/x.css\">`     | ``",
        "link target and rel       | `<a href=\"https://example.org/\" target=\"_top\" rel=\"opener\">e</a>` | `<a href=\"https://example.org/\">e</a>`",
        "root-relative link        | `<a href=\"/about\">About</a>`                                       | `<a href=\"https://blog.example.org/about\">About</a>`",
        "relative link             | `<a href=\"post/2\">Next</a>`                                        | `<a href=\"https://blog.example.org/news/post/2\">Next</a>`",
        "relative image            | `<img src=\"img/a.png\" alt=\"A\">`                                  | `<img src=\"https://blog.example.org/news/img/a.png\" alt=\"A\">`",
        "data image                | `<img src=\"data:image/png;base64,iVBORw0KGgo=\">`                  | `<img src=\"data:image/png;base64,iVBORw0KGgo=\">`",
        "mailto link               | `<a href=\"mailto:ann@example.org\">mail</a>`                        | `<a href=\"mailto:ann@example.org\">mail</a>`",
        "ampersand in a link       | `<a href=\"https://example.org/?a=1&b=2\">q</a>`                    | `<a href=\"https://example.org/?a=1&amp;b=2\">q</a>`",
        "ordinary formatting       | `<h2>T</h2><p><em>a</em> <strong>b</strong><br>c</p><hr>`           | `<h2>T</h2><p><em>a</em> <strong>b</strong><br>c</p><hr>`",
        "code                      | `<pre><code>a &lt; b &amp;&amp; c</code></pre>`                      | `<pre><code>a &lt; b &amp;&amp; c</code></pre>`",
        "lists and quotes          | `<ul><li>1</li></ul><blockquote cite=\"https://q.example/\">q</blockquote>` | `<ul><li>1</li></ul><blockquote cite=\"https://q.example/\">q</blockquote>`",
        "table                     | `<table><tr><td colspan=\"2\">1</td></tr></table>`                 | `<table><tbody><tr><td colspan=\"2\">1</td></tr></tbody></table>`",
        "figure                    | `<figure><img src=\"https://x.example/a.png\"><figcaption>c</figcaption></figure>` | `<figure><img src=\"https://x.example/a.png\"><figcaption>c</figcaption></figure>`",
        "non-ASCII text            | `<p>caf&eacute; 漢字 😀</p>`                                         | <p>café 漢字 😀</p>",
        "unclosed tag              | `<p>open`                                                            | <p>open</p>",
        "plain text                | `no markup at all`                                                   | no markup at all",
        "empty                     | ``                                                                   | ``",
    })
    void keepsWhatIsSafeAndDropsWhatIsNot(String name, String content, String expected) {
        assertEquals(expected, ContentSanitizer.sanitize(content, BASE));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "uppercase tags     | `<SCRIPT>alert(1)</SCRIPT><META HTTP-EQUIV=REFRESH CONTENT=0><IFRAME></IFRAME>`",
        "nested in allowed  | `<p><b><script>alert(1)</script><form><input></form></b></p>`",
        "broken markup      | `<<script>script>alert(1)<</script>/script><meta/http-equiv=refresh content=0>`",
        "comment smuggling  | `<!--><script>alert(1)</script>--><!-- <meta http-equiv=refresh> -->`",
        "entity-encoded tag | `&lt;script&gt;alert(1)&lt;/script&gt;<p onpointerenter=x>y</p>`",
    })
    void nothingThatRunsOrNavigatesSurvives(String name, String content) {
        String safe = ContentSanitizer.sanitize(content, BASE).toLowerCase(Locale.ROOT);
        for (String forbidden : new String[] {"<script", "<meta", "<iframe", "<form", "<input", "<base", " on",
                "javascript:"}) {
            assertFalse(safe.contains(forbidden), forbidden + " in " + safe);
        }
    }
}
