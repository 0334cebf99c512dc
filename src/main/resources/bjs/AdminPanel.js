// BB's AdminPanel: forms of settings the bot's owner fills in (here through the admin API), defined and read by BJS.
// A panel is the bot property BB_adminPanel_<panel_name>: its definition with each field's value, committed with
// the run like any property. Evaluates to the AdminPanel object of one run.
(function () {
  var PREFIX = "BB_adminPanel_";
  var TYPES = ["string", "text", "integer", "float", "password", "checkbox"];

  function panelName(name, what) {
    if (name === undefined || name === null || String(name) === "") {
      throw new TypeError("AdminPanel." + what + " needs a panel_name");
    }
    return String(name);
  }

  function read(name) {
    var panel = Bot.getProperty(PREFIX + name);
    return panel && typeof panel === "object" ? panel : undefined;
  }

  function fieldOf(panel, fieldName) {
    var fields = panel && panel.fields ? panel.fields : [];
    for (var i = 0; i < fields.length; i++) {
      if (fields[i].name === fieldName) { return fields[i]; }
    }
    return undefined;
  }

  function setPanel(params) {
    if (!params || typeof params !== "object" || !params.data || typeof params.data !== "object") {
      throw new TypeError("AdminPanel.setPanel expects {panel_name, data: {title, fields: [...]}, force}");
    }
    var name = panelName(params.panel_name, "setPanel");
    var old = read(name);
    var panel = JSON.parse(JSON.stringify(params.data));
    panel.panel_name = name;
    var fields = panel.fields || [];
    if (!Array.isArray(fields)) {
      throw new TypeError("AdminPanel.setPanel: data.fields must be a list of fields");
    }
    var seen = {};
    for (var i = 0; i < fields.length; i++) {
      var field = fields[i];
      if (!field || typeof field.name !== "string" || field.name === "") {
        throw new TypeError("AdminPanel.setPanel: every field needs a name (field " + i + ")");
      }
      if (seen[field.name]) {
        throw new TypeError("AdminPanel.setPanel: two fields are named " + field.name);
      }
      seen[field.name] = true;
      if (field.type === undefined) { field.type = "string"; }
      if (TYPES.indexOf(field.type) < 0) {
        throw new TypeError("AdminPanel.setPanel: field " + field.name + " has type " + field.type + "; types: "
          + TYPES.join(", "));
      }
      // As on BB, a saved value outlives a new definition unless force: true says to reset it.
      var before = fieldOf(old, field.name);
      if (!params.force && before && before.value !== undefined) {
        field.value = before.value;
      }
    }
    panel.fields = fields;
    Bot.setProperty(PREFIX + name, panel, "json");
    return true;
  }

  function getPanel(name) {
    return read(panelName(name, "getPanel"));
  }

  function getPanelField(params) {
    var panel = read(panelName(params && params.panel_name, "getPanelField"));
    return fieldOf(panel, params.field_name);
  }

  function getFieldValue(params) {
    var field = getPanelField(params);
    return field ? field.value : undefined;
  }

  function getPanelValues(name) {
    var panel = read(panelName(name, "getPanelValues"));
    var values = {};
    var fields = panel && panel.fields ? panel.fields : [];
    for (var i = 0; i < fields.length; i++) { values[fields[i].name] = fields[i].value; }
    return values;
  }

  // Changes an existing field only: false when the panel or the field does not exist (BB's contract).
  function setFieldValue(params) {
    var name = panelName(params && params.panel_name, "setFieldValue");
    var panel = read(name);
    var field = fieldOf(panel, params.field_name);
    if (!field) { return false; }
    field.value = params.value;
    Bot.setProperty(PREFIX + name, panel, "json");
    return true;
  }

  return {
    setPanel: setPanel, getPanel: getPanel, getPanelField: getPanelField, getFieldValue: getFieldValue,
    getPanelValues: getPanelValues, setFieldValue: setFieldValue
  };
})()
