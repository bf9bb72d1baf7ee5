package io.cubeintegration.cube;

import java.net.URI;

/** DRF's page numbers in Cube's URLs: the {@code page} query parameter of a list's pages and their {@code next} links. */
final class PageNumbers {

    private PageNumbers() {
    }

    /** The DRF page number a {@code next} link asks for: 0 for no link, -1 for a link without one. */
    static int nextPageOf(String link) {
        if (link == null) {
            return 0;
        }
        try {
            String page = pageNumberOf(URI.create(link.trim().replace(" ", "%20")));
            return page != null && page.matches("[1-9][0-9]{0,8}") ? Integer.parseInt(page) : -1;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    /** The list's URL asking for one page by its number; page 1 is the list's own URL. */
    static URI pageUrl(URI list, int page) {
        if (page <= 1) {
            return list;
        }
        String query = list.getRawQuery();
        return URI.create(list.getScheme() + "://" + list.getRawAuthority() + list.getRawPath() + "?"
                + (query == null || query.isEmpty() ? "" : query + "&") + "page=" + page);
    }

    /** The value of the {@code page} query parameter, or null. */
    static String pageNumberOf(URI url) {
        String query = url.getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("page=")) {
                return pair.substring("page=".length());
            }
        }
        return null;
    }

    /** The same URL asking for another page. */
    static URI withPage(URI url, int page) {
        String query = url.getRawQuery().replaceAll("(^|&)page=[^&]*", "$1page=" + page);
        return URI.create(url.getScheme() + "://" + url.getRawAuthority() + url.getRawPath() + "?" + query);
    }
}
