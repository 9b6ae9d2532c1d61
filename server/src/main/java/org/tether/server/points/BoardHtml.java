package org.tether.server.points;

/**
 * The board as a small self-contained web page (zh-CN, UTF-8): the title and one table row per person,
 * exactly the rows of {@link Board#toJson()}. No scripts, styles or images from elsewhere, so it can be
 * shown on an office's notice screen or saved as it is. Every text is escaped: names come from officers.
 */
public final class BoardHtml {

    private BoardHtml() {
    }

    public static String render(Board board) {
        StringBuilder html = new StringBuilder(1024 + board.rows().size() * 160);
        html.append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"UTF-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(board.title())).append("</title>\n")
                .append("<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}")
                .append("th,td{border:1px solid #999;padding:.3em .8em;text-align:center}</style>\n")
                .append("</head>\n<body>\n<h1>").append(escape(board.title())).append("</h1>\n")
                .append("<table>\n<thead><tr>");
        for (String h : BoardXlsx.HEADER) {
            html.append("<th>").append(escape(h)).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (Board.Row r : board.rows()) {
            html.append("<tr><td>").append(r.rank()).append("</td><td>").append(escape(r.name()))
                    .append("</td><td>").append(escape(r.tierLabel())).append("</td><td>").append(r.score())
                    .append("</td><td>").append(escape(r.grade().labelZh())).append("</td></tr>\n");
        }
        return html.append("</tbody>\n</table>\n</body>\n</html>\n").toString();
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
