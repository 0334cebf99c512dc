// BB's Lists: new List({ name: "MyList" }) for the bot's list, new List({ name: "MyList", user: user }) (or user_id)
// for a user's. Evaluates to a function of the store (ListGlobal), which gives the List constructor of one run.
(function (store) {
  function userIdOf(value, what) {
    if (value === undefined || value === null) {
      return null;
    }
    var id = typeof value === "object" ? value.id : value;
    if (id === undefined || id === null || id === "" || !isFinite(Number(id))) {
      throw new TypeError("List: " + what + " needs a user or a user id, not " + JSON.stringify(value));
    }
    return Number(id);
  }

  function List(params) {
    if (!(this instanceof List)) {
      return new List(params);
    }
    if (!params || typeof params !== "object" || params.name === undefined || params.name === null || params.name === "") {
      throw new TypeError('new List needs a name: new List({ name: "MyList" })');
    }
    this.name = String(params.name);
    this.user_id = params.user !== undefined && params.user !== null ? userIdOf(params.user, "user")
      : userIdOf(params.user_id, "user_id");
    // BB's paging and ordering, read by get(), getUsers() and search().
    this.page = 1;
    this.per_page = 100;
    this.order_by = "id";
    this.order_ascending = true;
    this.case_sensitive = true;
  }

  function query(list, search) {
    return {
      order_by: list.order_by, ascending: list.order_ascending !== false, page: list.page, per_page: list.per_page,
      search: search, case_sensitive: list.case_sensitive !== false
    };
  }

  function stats(list) {
    return store.stats(list.user_id, list.name);
  }

  function statistic(name, fallback) {
    Object.defineProperty(List.prototype, name, {
      get: function () {
        var found = stats(this);
        return found ? found[name] : fallback;
      }
    });
  }

  Object.defineProperty(List.prototype, "exist", {
    get: function () { return store.exists(this.user_id, this.name); }
  });
  statistic("count", 0);
  statistic("total_value", null);
  statistic("average_value", null);
  statistic("max_value", null);
  statistic("min_value", null);
  statistic("created_at", null);
  statistic("users_count", 0);
  statistic("properties_count", 0);
  // BB: "the amount of all props and users".
  Object.defineProperty(List.prototype, "total", {
    get: function () { var found = stats(this); return found ? found.count : 0; }
  });
  Object.defineProperty(List.prototype, "total_pages", {
    get: function () {
      var found = stats(this);
      var largest = found ? Math.max(found.properties_count, found.users_count) : 0;
      return Math.ceil(largest / this.per_page);
    }
  });

  function change(list, kind, argument) {
    store.change(kind, list.user_id, list.name, argument);
    return true;
  }

  List.prototype.create = function () { return change(this, "create"); };
  List.prototype.remove = function () { return change(this, "remove"); };
  // Statistics here are counted when read, so a recount has nothing to do but call its onComplete, as BB does.
  List.prototype.recount = function (options) {
    if (options && options.onComplete) {
      Bot.run({ command: options.onComplete, options: { list: { name: this.name, user_id: this.user_id } } });
    }
    return true;
  };
  // Statistics are counted when read: a recount is never needed.
  List.prototype.isRecountNeeded = function () { return false; };
  List.prototype.get = function () { return store.props(this.user_id, this.name, query(this)); };
  List.prototype.search = function (text) {
    return store.props(this.user_id, this.name, query(this, text === undefined || text === null ? "" : String(text)));
  };
  List.prototype.getUsers = function () { return store.users(this.user_id, this.name, query(this)); };
  List.prototype.getUser = function (user) {
    var found = store.user(this.user_id, this.name, userIdOf(user, "getUser"));
    return found === null ? undefined : found;
  };
  List.prototype.haveUser = function (user) {
    return store.user(this.user_id, this.name, userIdOf(user, "haveUser")) !== null;
  };
  List.prototype.addUser = function (user) { return change(this, "addUser", userIdOf(user, "addUser")); };
  List.prototype.rejectUser = function (user) { return change(this, "rejectUser", userIdOf(user, "rejectUser")); };
  List.prototype.rejectAllUsers = function () { return change(this, "rejectAllUsers"); };
  List.prototype.rejectProperty = function (name) { return change(this, "rejectProperty", name); };
  List.prototype.removeProperty = function (name) { return change(this, "removeProperty", name); };
  List.prototype.rejectAll = function () { return change(this, "rejectAll"); };
  List.prototype.removeAll = function () { return change(this, "removeAll"); };
  List.prototype.toString = function () { return "List " + this.name; };
  return List;
})
