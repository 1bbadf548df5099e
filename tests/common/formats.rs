//! Small files of the formats people have (e-mail, mailboxes, Word, PDF,
//! feeds), written here byte by byte so the tests (tests/formats.rs) and
//! the fuzz smoke run's seeds need no fixture files.

use lede::doc::write_zip;

/// A message with a text and an HTML alternative, a text attachment and
/// an image attachment.
pub fn eml() -> Vec<u8> {
    let statement = "Statement on the talks\n\nThe ministry said on Monday that the talks would continue next week in Geneva.";
    let b64 = base64(statement.as_bytes());
    format!(
        "Return-Path: <press@news.example.org>\r\n\
From: \"Jane Roe\" <jane.roe@reuters.com>\r\n\
To: desk@example.net\r\n\
Subject: =?UTF-8?Q?Talks_in_Geneva_end_without_a_deal?=\r\n\
Date: Tue, 11 Jan 2022 23:30:00 -0500\r\n\
Message-ID: <1@example.org>\r\n\
MIME-Version: 1.0\r\n\
Content-Type: multipart/mixed; boundary=\"outer\"\r\n\
\r\n\
--outer\r\n\
Content-Type: multipart/alternative; boundary=\"alt\"\r\n\
\r\n\
--alt\r\n\
Content-Type: text/plain; charset=utf-8\r\n\
\r\n\
GENEVA - Negotiators left the talks on Monday without an agreement, officials said.\r\n\
\r\n\
\"We have not reached a common understanding,\" the deputy minister told reporters.\r\n\
--alt\r\n\
Content-Type: text/html; charset=utf-8\r\n\
\r\n\
<p>GENEVA - Negotiators left the talks (HTML version).</p>\r\n\
--alt--\r\n\
--outer\r\n\
Content-Type: text/plain; name=\"statement.txt\"\r\n\
Content-Disposition: attachment; filename=\"statement.txt\"\r\n\
Content-Transfer-Encoding: base64\r\n\
\r\n\
{b64}\r\n\
--outer\r\n\
Content-Type: image/png\r\n\
Content-Disposition: attachment; filename=\"photo.png\"\r\n\
Content-Transfer-Encoding: base64\r\n\
\r\n\
iVBORw0KGgo=\r\n\
--outer--\r\n"
    )
    .into_bytes()
}

/// A mailbox of three messages: plain text, HTML only, and one with a
/// `>From ` quoted line and a personal sender.
pub fn mbox() -> Vec<u8> {
    b"From press@mid.ru Mon Jan 10 09:00:00 2022\n\
From: Press Service <press@mid.ru>\n\
Subject: Statement by the Foreign Ministry\n\
Date: Mon, 10 Jan 2022 09:00:00 +0300\n\
\n\
MOSCOW - The ministry issued a statement on security guarantees on Monday.\n\
\n\
The statement called for written answers to the proposals.\n\
\n\
From newsletter@e.example.com Wed Jan 12 07:00:00 2022\n\
From: The Morning Brief <newsletter@e.example.com>\n\
Subject: Morning Brief: markets rally\n\
Date: Wed, 12 Jan 2022 07:00:00 +0000\n\
MIME-Version: 1.0\n\
Content-Type: text/html; charset=utf-8\n\
\n\
<html><body><h1>Markets rally</h1><p>Stocks rose sharply on Wednesday as investors welcomed new figures on inflation.</p><p>Oil prices also climbed during the day.</p></body></html>\n\
\n\
From someone@gmail.com Thu Jan 13 12:00:00 2022\n\
From: sam.reader@gmail.com\n\
Subject: Tip about the port contract\n\
Date: Thu, 13 Jan 2022 12:00:00 +0100\n\
\n\
Hello, I have documents about the port contract.\n\
>From the start the tender was rigged, I think.\n"
        .to_vec()
}

/// A Word document: a title paragraph, two body paragraphs (one with a
/// tab and an entity), and core properties.
pub fn docx() -> Vec<u8> {
    let types = br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>"#;
    let document = br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>Ministry announces new port tender</w:t></w:r></w:p>
<w:p><w:r><w:t xml:space="preserve">The Ministry of Transport announced on Friday a new tender for the </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>northern port</w:t></w:r><w:r><w:t>, after the first one was cancelled.</w:t></w:r></w:p>
<w:p><w:r><w:t>Bids are due by March 1 &amp; will be opened in public.</w:t></w:r></w:p>
<w:sectPr/></w:body></w:document>"#;
    let core = br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>Anna Petrova</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">2021-12-01T08:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2022-02-04T16:20:00Z</dcterms:modified></cp:coreProperties>"#;
    write_zip(&[
        ("[Content_Types].xml", types, false),
        ("word/document.xml", document, true),
        ("docProps/core.xml", core, true),
    ])
}

/// A PDF of `objects` (numbered from 1, each the text between `obj` and
/// `endobj`) with a correct cross-reference table; `trailer` is the
/// trailer dictionary's inside, without /Size.
pub fn pdf(objects: &[String], trailer: &str) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} {trailer} >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn stream(content: &str) -> String {
    format!(
        "<< /Length {} >>\nstream\n{content}\nendstream",
        content.len()
    )
}

fn page_objects(content: &str, resources: &str) -> Vec<String> {
    vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources {resources} /Contents 5 0 R >>"),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_string(),
        stream(content),
    ]
}

/// A one-page PDF with a text layer and an information dictionary.
pub fn text_pdf() -> Vec<u8> {
    let content = "BT /F1 18 Tf 72 720 Td (Central bank raises rates) Tj ET\n\
BT /F1 11 Tf 72 690 Td (FRANKFURT - The central bank raised its key interest rate on Thursday, the) Tj\n\
0 -14 Td (first increase in eleven years, citing inflation.) Tj\n\
0 -28 Td [(The decision was ) -300 (unanimous, the bank said.)] TJ ET";
    let mut objects = page_objects(content, "<< /Font << /F1 4 0 R >> >>");
    objects.push(
        "<< /Title (Central bank raises rates) /Author (Max Mustermann) /CreationDate (D:20220721101500+02'00') >>"
            .to_string(),
    );
    pdf(&objects, "/Root 1 0 R /Info 6 0 R")
}

/// A one-page PDF that only paints an image: a scan without OCR.
pub fn scanned_pdf() -> Vec<u8> {
    let mut objects = page_objects(
        "q 612 0 0 792 0 0 cm /Im1 Do Q",
        "<< /XObject << /Im1 6 0 R >> >>",
    );
    objects.push(
        "<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 1 >>\nstream\n\u{7f}\nendstream"
            .to_string(),
    );
    pdf(&objects, "/Root 1 0 R")
}

/// A PDF encrypted with a user password (the standard security handler;
/// its keys do not open with the empty password).
pub fn encrypted_pdf() -> Vec<u8> {
    let mut objects = page_objects(
        "BT /F1 11 Tf 72 700 Td (secret) Tj ET",
        "<< /Font << /F1 4 0 R >> >>",
    );
    let hex32 = "8F3A5C2D9E1B4F7A6C0D2E3F4A5B6C7D8E9FA0B1C2D3E4F5061728394A5B6C7D";
    objects.push(format!(
        "<< /Filter /Standard /V 1 /R 2 /O <{hex32}> /U <{hex32}> /P -44 >>"
    ));
    pdf(
        &objects,
        "/Root 1 0 R /Encrypt 6 0 R /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>]",
    )
}

/// An RSS 2.0 feed of two items: HTML in `content:encoded`, and a plain
/// description with an author in RSS's "address (name)" form.
pub fn rss() -> Vec<u8> {
    br#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Harbour Gazette</title><link>https://gazette.example.com/</link><description>News</description>
<item><title>Port workers strike for a second day</title><link>https://gazette.example.com/strike</link>
<dc:creator>Lena Fischer</dc:creator><pubDate>Mon, 07 Feb 2022 06:30:00 GMT</pubDate>
<description>Short teaser.</description>
<content:encoded><![CDATA[<p>Port workers walked out for a second day on Monday, halting container traffic at the harbour.</p><p>The union said talks with the operator had broken down.</p>]]></content:encoded></item>
<item><title>Ferry timetable changes</title><link>https://gazette.example.com/ferry</link>
<author>desk@gazette.example.com (Tom Berg)</author><pubDate>Tue, 08 Feb 2022 09:00:00 GMT</pubDate>
<description>The ferry operator will run fewer crossings &amp;amp; later departures from March.</description></item>
</channel></rss>"#
        .to_vec()
}

/// An Atom feed of one entry with HTML content.
pub fn atom() -> Vec<u8> {
    br#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example Wire</title><id>urn:x</id><updated>2022-03-02T10:00:00Z</updated>
<entry><title type="text">Election results certified</title>
<link rel="self" href="https://wire.example.org/api/1"/><link rel="alternate" href="https://wire.example.org/election"/>
<id>urn:1</id><published>2022-03-01T18:00:00+01:00</published><updated>2022-03-02T10:00:00Z</updated>
<author><name>Maria Lopez</name><email>m@example.org</email></author>
<content type="html">&lt;p&gt;The electoral commission certified the results on Tuesday after a recount in two districts.&lt;/p&gt;</content></entry>
</feed>"#
        .to_vec()
}

/// Standard base64 with padding, lines of 76.
pub fn base64(data: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for (i, c) in data.chunks(3).enumerate() {
        if i > 0 && i % 19 == 0 {
            out.push_str("\r\n");
        }
        let n = (c[0] as u32) << 16
            | (*c.get(1).unwrap_or(&0) as u32) << 8
            | *c.get(2).unwrap_or(&0) as u32;
        for k in 0..4 {
            if k <= c.len() {
                out.push(A[(n >> (18 - 6 * k) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}
