"""Hostile Markdown: each input and the exact, inert HTML it must render to."""

HOSTILE_CASES = [
    ("script tag", "<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
    (
        "script block",
        "<script>\nalert(1)\n</script>",
        "<p>&lt;script&gt;\nalert(1)\n&lt;/script&gt;</p>",
    ),
    (
        "img onerror",
        '<img src=x onerror="alert(1)">',
        '<p>&lt;img src=x onerror="alert(1)"&gt;</p>',
    ),
    ("svg onload", "<svg onload=alert(1)>", "<p>&lt;svg onload=alert(1)&gt;</p>"),
    (
        "iframe",
        '<iframe src="https://evil.example"></iframe>',
        '<p>&lt;iframe src="https://evil.example"&gt;&lt;/iframe&gt;</p>',
    ),
    ("javascript link", "[click](javascript:alert(1))", "<p><a>click</a></p>"),
    ("javascript upper case", "[click](JAVASCRIPT:alert(1))", "<p><a>click</a></p>"),
    ("javascript mixed case with spaces", "[click]( JaVaScRiPt:alert(1))", "<p><a>click</a></p>"),
    ("javascript entity encoded", "[click](jav&#x61;script:alert(1))", "<p><a>click</a></p>"),
    (
        "javascript decimal entities",
        "[click](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;:alert(1))",
        "<p><a>click</a></p>",
    ),
    ("javascript with tab", "[click](java\tscript:alert(1))", "<p><a>click</a></p>"),
    ("javascript percent encoded", "[click](javascript%3Aalert(1))", "<p><a>click</a></p>"),
    ("vbscript link", "[click](vbscript:msgbox(1))", "<p><a>click</a></p>"),
    (
        "data link",
        "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "<p><a>click</a></p>",
    ),
    (
        "data link upper case",
        "[click](DATA:text/html,<script>alert(1)</script>)",
        "<p><a>click</a></p>",
    ),
    ("data image", "![x](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)", '<p><img alt="x"></p>'),
    ("javascript autolink", "<javascript:alert(1)>", "<p>&lt;javascript:alert(1)&gt;</p>"),
    ("javascript reference link", "[click][x]\n\n[x]: javascript:alert(1)", "<p><a>click</a></p>"),
    ("protocol-relative link", "[click](//evil.example/path)", "<p><a>click</a></p>"),
    ("backslash link", "[click](/\\evil.example)", "<p><a>click</a></p>"),
    ("relative path link", "[click](../admin/)", "<p><a>click</a></p>"),
    ("external image", "![chart](https://evil.example/track.gif)", '<p><img alt="chart"></p>'),
    (
        "link title breakout",
        '[click](https://example.org "a\\" onmouseover=\\"alert(1))',
        "<p><a>click</a>)</p>",
    ),
    (
        "raw anchor with handler",
        '<a href="https://example.org" onclick="alert(1)">x</a>',
        '<p>&lt;a href="https://example.org" onclick="alert(1)"&gt;x&lt;/a&gt;</p>',
    ),
    (
        "style tag",
        "<style>body{display:none}</style>",
        "<p>&lt;style&gt;body{display:none}&lt;/style&gt;</p>",
    ),
    (
        "inline style attribute",
        '<p style="background:url(javascript:alert(1))">x</p>',
        '<p>&lt;p style="background:url(javascript:alert(1))"&gt;x&lt;/p&gt;</p>',
    ),
    ("attr_list onclick", 'Hello {: onclick="alert(1)" }', '<p>Hello {: onclick="alert(1)" }</p>'),
    (
        "attr_list heading",
        "## Heading {: #main-content onclick=alert(1) }",
        '<h2 id="heading-main-content-onclickalert1">Heading {: #main-content onclick=alert(1) }</h2>',
    ),
    (
        "mXSS noscript",
        '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
        '<p>&lt;noscript&gt;&lt;p title="&lt;/noscript&gt;&lt;img src=x onerror=alert(1)&gt;"&gt;&lt;/noscript&gt;</p>',
    ),
    (
        "mXSS svg style",
        "<svg><style><img src=x onerror=alert(1)></style></svg>",
        "<p>&lt;svg&gt;&lt;style&gt;&lt;img src=x onerror=alert(1)&gt;&lt;/style&gt;&lt;/svg&gt;</p>",
    ),
    (
        "mXSS math mglyph",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        "<p>&lt;math&gt;&lt;mtext&gt;&lt;table&gt;&lt;mglyph&gt;&lt;style&gt;&lt;img src=x onerror=alert(1)&gt;</p>",
    ),
    (
        "comment breakout",
        "<!--><img src=x onerror=alert(1)>-->",
        "<p>&lt;!--&gt;&lt;img src=x onerror=alert(1)&gt;--&gt;</p>",
    ),
    (
        "form and input",
        '<form action="https://evil.example"><input name=q></form>',
        '<p>&lt;form action="https://evil.example"&gt;&lt;input name=q&gt;&lt;/form&gt;</p>',
    ),
    (
        "meta refresh",
        '<meta http-equiv="refresh" content="0;url=https://evil.example">',
        '<p>&lt;meta http-equiv="refresh" content="0;url=https://evil.example"&gt;</p>',
    ),
    (
        "object embed",
        '<object data="x.swf"></object><embed src="x.swf">',
        '<p>&lt;object data="x.swf"&gt;&lt;/object&gt;&lt;embed src="x.swf"&gt;</p>',
    ),
    (
        "base tag",
        '<base href="https://evil.example/">',
        '<p>&lt;base href="https://evil.example/"&gt;</p>',
    ),
    (
        "html entity script",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
    ),
    ("citation key with markup", "[@<script>]", "<p>[@&lt;script&gt;]</p>"),
    (
        "code span with html",
        "`<script>alert(1)</script>`",
        "<p><code>&lt;script&gt;alert(1)&lt;/script&gt;</code></p>",
    ),
    (
        "footnote with html",
        "Text[^1]\n\n[^1]: <img src=x onerror=alert(1)>",
        '<p>Text<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup></p>\n<div class="footnote">\n<hr>\n<ol>\n<li id="fn:1">\n<p>&lt;img src=x onerror=alert(1)&gt;&#160;<a class="footnote-backref" href="#fnref:1" title="Jump back to footnote 1 in the text">&#8617;</a></p>\n</li>\n</ol>\n</div>',
    ),
]
