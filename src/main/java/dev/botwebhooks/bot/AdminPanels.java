package dev.botwebhooks.bot;

/**
 * BB's Admin Panels: setting forms a bot defines with BJS ({@code AdminPanel.setPanel}) and its owner fills in. A
 * panel is a bot property named {@link #PROPERTY_PREFIX}{@code <panel name>} holding its definition with each field's
 * value, so BJS reads it like any property and a fill commits like a run's write.
 */
public final class AdminPanels {

    public static final String PROPERTY_PREFIX = "BB_adminPanel_";

    private AdminPanels() {
    }
}
