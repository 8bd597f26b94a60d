package dev.powerpages.emulator.appnode.knowledge;

/** How the articles' attributes and filters order them ("Available Liquid objects", articles object). */
enum ArticleOrder {
    /** "containing the most views" */
    POPULAR("knowledgearticleviews"),
    /** "containing the latest modified date" */
    RECENT("modifiedon"),
    /** "containing the highest rating" */
    TOP("rating");

    private final String column;

    ArticleOrder(String column) {
        this.column = column;
    }

    String column() {
        return column;
    }
}
