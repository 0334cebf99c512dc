// BB's runtime classes SmartBot, SmartAmountDialog and SmartTasker, from its help pages "Build reply templates with
// SmartBot", "Build a two-language SmartBot menu", "Ask for a quantity" and "Save progress in a learning checklist".
// Languages are bot properties (SmartBot_lng_<name>, the first one set up is the default), a user's choice a user
// property; a tasker's progress is the user property "SmartTasker.<name>:completedTasks". Evaluates to
// {SmartBot, SmartAmountDialog, SmartTasker} for one run.
(function () {
  var LNG_PREFIX = 'SmartBot_lng_';
  var DEFAULT_LNG = 'SmartBot_defaultLng';
  var USER_LNG = 'SmartBot_userLng';
  var PLACEHOLDER = /\{([^{}\s]+)\}/g;

  function copy(value) {
    return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
  }

  function merge(target, source) {
    Object.keys(source || {}).forEach(function (key) { target[key] = source[key]; });
    return target;
  }

  function userLanguage() {
    if (!user) { return undefined; }
    var chosen = User.getProperty(USER_LNG);
    return chosen && Bot.getProperty(LNG_PREFIX + chosen) ? chosen : undefined;
  }

  function SmartBot(options) {
    if (!(this instanceof SmartBot)) { return new SmartBot(options); }
    options = options || {};
    this.params = merge({}, options.params);
    this.defaultMarkdown = options.defaultMarkdown;
    this.strict_params = options.strict_params === true;
    this.skip_cmd_folders = options.skip_cmd_folders || [];
    this.debug = options.debug === true;
    this.lng = userLanguage() || Bot.getProperty(DEFAULT_LNG);
    var data = this.lng ? Bot.getProperty(LNG_PREFIX + this.lng) : undefined;
    this.langData = data && typeof data === 'object' ? data : { commands: {}, titles: {}, types: {} };
  }

  SmartBot.prototype.setupLng = function (lng, data) {
    if (!lng || typeof lng !== 'string') { throw new TypeError('SmartBot.setupLng needs a language name, e.g. "en"'); }
    if (!data || typeof data !== 'object' || !data.commands || typeof data.commands !== 'object') {
      throw new TypeError('SmartBot.setupLng(' + lng + '): the language needs {commands, titles, types}');
    }
    Bot.setProperty(LNG_PREFIX + lng, data, 'json');
    if (!Bot.getProperty(DEFAULT_LNG)) { Bot.setProperty(DEFAULT_LNG, lng, 'string'); }
    if (!this.lng) { this.lng = lng; this.langData = copy(data); }
  };

  SmartBot.prototype.setUserLang = function (lng) {
    if (!user) { throw new Error('SmartBot.setUserLang needs a user'); }
    if (!Bot.getProperty(LNG_PREFIX + lng)) { throw new Error('SmartBot: language ' + lng + ' is not set up (setupLng)'); }
    User.setProperty(USER_LNG, String(lng), 'string');
  };

  SmartBot.prototype.add = function (params) { merge(this.params, params); return this.params; };
  SmartBot.prototype.set = function (params) { this.params = merge({}, params); return this.params; };

  // A whole value "#/path/to/type" is that value of the language's types.
  SmartBot.prototype.resolve = function (value) {
    if (typeof value !== 'string' || value.indexOf('#/') !== 0) { return value; }
    var found = this.langData.types || {};
    var parts = value.slice(2).split('/');
    for (var i = 0; i < parts.length; i++) {
      if (found === undefined || found === null) { break; }
      found = found[parts[i]];
    }
    if (found === undefined) { throw new Error('SmartBot: no type ' + value); }
    return copy(found);
  };

  SmartBot.prototype.param = function (name) {
    if (Object.prototype.hasOwnProperty.call(this.params, name)) { return this.params[name]; }
    var titles = this.langData.titles || {};
    if (Object.prototype.hasOwnProperty.call(titles, name)) { return titles[name]; }
    return undefined;
  };

  // Placeholders {name} take the params, then the language's titles; references are resolved first.
  SmartBot.prototype.fill = function (value) {
    var smart = this;
    value = smart.resolve(value);
    if (typeof value === 'string') {
      return value.replace(PLACEHOLDER, function (tag, name) {
        var found = smart.param(name);
        if (found === undefined) {
          if (smart.strict_params) { throw new Error('SmartBot: param not found: ' + name); }
          return tag;
        }
        return typeof found === 'object' && found !== null ? JSON.stringify(found) : String(found);
      });
    }
    if (Array.isArray(value)) { return value.map(function (item) { return smart.fill(item); }); }
    if (value && typeof value === 'object') {
      var filled = {};
      Object.keys(value).forEach(function (key) { filled[key] = smart.fill(value[key]); });
      return filled;
    }
    return value;
  };

  function inlineKeyboard(rows) {
    if (!Array.isArray(rows)) { return undefined; }
    var grid = rows.length > 0 && !Array.isArray(rows[0]) ? [rows] : rows;
    return {
      inline_keyboard: grid.map(function (row) {
        return row.map(function (button) {
          return button.url ? { text: String(button.text), url: String(button.url) }
            : { text: String(button.text), callback_data: String(button.command) };
        });
      })
    };
  }

  function replyKeyboard(keyboard) {
    var rows = typeof keyboard === 'string' ? keyboard.split('\n').map(function (line) {
      return line.split(',').map(function (button) { return button.trim(); }).filter(function (b) { return b; });
    }) : keyboard;
    return Array.isArray(rows) ? { keyboard: rows, resize_keyboard: true } : undefined;
  }

  // Sends a layout: text (or a photo with it as caption), inline_buttons or keyboard, parse_mode, chat_id.
  SmartBot.prototype.send = function (layout) {
    var filled = this.fill(layout);
    var options = {};
    var parseMode = filled.parse_mode !== undefined ? filled.parse_mode : this.defaultMarkdown;
    if (parseMode !== undefined) { options.parse_mode = parseMode; }
    var markup = filled.inline_buttons ? inlineKeyboard(filled.inline_buttons)
      : filled.keyboard ? replyKeyboard(filled.keyboard) : undefined;
    if (markup) { options.reply_markup = markup; }
    if (filled.photo) {
      Api.sendPhoto(merge({ photo: filled.photo, caption: filled.text, chat_id: filled.chat_id }, options));
      return filled;
    }
    if (filled.chat_id) { options.chat_id = filled.chat_id; }
    Bot.sendMessage(filled.text === undefined ? '' : String(filled.text), options);
    return filled;
  };

  // The current command's layout in the user's language, sent; commands of skipped folders send nothing.
  SmartBot.prototype.handle = function () {
    if (command && this.skip_cmd_folders.indexOf(command.folder) >= 0) { return false; }
    var layout = command ? (this.langData.commands || {})[command.name] : undefined;
    if (!layout) {
      if (this.debug) { Bot.sendMessage('SmartBot: no layout for ' + (command && command.name), { parse_mode: null }); }
      return false;
    }
    this.send(layout);
    return true;
  };

  SmartBot.prototype.run = function (call) {
    return Bot.runCommand(call.command, call.options);
  };

  SmartBot.prototype.isAlias = function (text) {
    var commands = this.langData.commands || {};
    return Object.keys(commands).some(function (name) {
      var layout = commands[name] || {};
      var aliases = [].concat(layout.alias || [], layout.aliases || []);
      return aliases.indexOf(text) >= 0;
    });
  };

  var DIALOG_ERRORS = {
    invalid: 'Wrong amount. Enter a number.', notInteger: 'Enter a whole number.', zero: 'Nothing is available.',
    notEnough: 'Not enough: at most {curValue}.', small: 'At least {min}.', big: 'At most {max}.'
  };

  function SmartAmountDialog(options) {
    if (!(this instanceof SmartAmountDialog)) { return new SmartAmountDialog(options); }
    options = options || {};
    this.min = options.min;
    this.max = options.max;
    this.curValue = options.curValue;
    this.onlyInteger = options.onlyInteger === true;
    this.skipZero = options.skipZero === true;
    this.dialogErrors = merge(merge({}, DIALOG_ERRORS), options.dialogErrors);
    this.smartBot = options.smartBot;
  }

  // Digits with an optional decimal point, as BB's parser takes them: no sign, comma, symbol or exponent.
  SmartAmountDialog.prototype.accept = function (text) {
    var input = String(text === undefined || text === null ? '' : text).trim();
    if (!/^\d+(\.\d+)?$/.test(input)) { return this.fail('invalid'); }
    var amount = Number(input);
    if (this.onlyInteger && amount % 1 !== 0) { return this.fail('notInteger'); }
    if (this.curValue !== undefined && !this.skipZero && Number(this.curValue) === 0) { return this.fail('zero'); }
    if (this.curValue !== undefined && amount > Number(this.curValue)) { return this.fail('notEnough'); }
    if (this.min !== undefined && amount < this.min) { return this.fail('small'); }
    if (this.max !== undefined && amount > this.max) { return this.fail('big'); }
    this.amount = amount;
    return true;
  };

  SmartAmountDialog.prototype.fail = function (kind) {
    var dialog = this;
    var message = String(this.dialogErrors[kind]).replace(PLACEHOLDER, function (tag, name) {
      return dialog[name] === undefined ? tag : String(dialog[name]);
    });
    if (this.smartBot) {
      this.errMsg = this.smartBot.fill(message);
      return false;
    }
    return message;
  };

  function SmartTasker(options) {
    if (!(this instanceof SmartTasker)) { return new SmartTasker(options); }
    options = options || {};
    if (!options.name || typeof options.name !== 'string') { throw new TypeError('SmartTasker needs a name'); }
    this.name = options.name;
    this.tasks = (options.tasks || []).map(function (task) {
      if (!task || typeof task.id !== 'string' || /[\s:]/.test(task.id) || task.id === '') {
        throw new TypeError('SmartTasker: a task id is a string without spaces or colons, not ' + JSON.stringify(task && task.id));
      }
      if (typeof task.amount !== 'number' || !isFinite(task.amount)) {
        throw new TypeError('SmartTasker: task ' + task.id + ' needs a numeric amount');
      }
      return task;
    });
    this.smartBot = options.smartBot;
    this.balance = options.balance === undefined ? 0 : Number(options.balance);
    this.curTask = undefined;
    this.curExecution = undefined;
  }

  SmartTasker.prototype.propName = function () { return 'SmartTasker.' + this.name + ':completedTasks'; };

  SmartTasker.prototype.progress = function () {
    var saved = user ? User.getProperty(this.propName()) : undefined;
    return saved && typeof saved === 'object' ? saved : { tasks: {}, skipped: {}, totalReward: 0 };
  };

  SmartTasker.prototype.save = function (progress) {
    if (!user) { throw new Error('SmartTasker needs a user to keep progress'); }
    User.setProperty(this.propName(), progress, 'json');
  };

  SmartTasker.prototype.find = function (taskId) {
    var found = this.tasks.filter(function (task) { return task.id === taskId; })[0];
    if (!found) { throw new Error('SmartTasker ' + this.name + ': no task ' + taskId); }
    return found;
  };

  SmartTasker.prototype.getTasksForWork = function () {
    var progress = this.progress();
    return this.tasks.filter(function (task) {
      var done = progress.tasks[task.id];
      return !progress.skipped[task.id] && (task.manyTimes || !done);
    });
  };

  SmartTasker.prototype.add = function (params) {
    return this.smartBot ? this.smartBot.add(params) : params;
  };

  SmartTasker.prototype.defineTask = function (idOrDefinition) {
    this.curTask = typeof idOrDefinition === 'string' ? this.find(idOrDefinition) : idOrDefinition;
    this.add(this.curTask);
    return this.curTask;
  };

  SmartTasker.prototype.defineWork = function (taskId) {
    this.defineTask(taskId);
    this.curExecution = this.progress().tasks[taskId];
    return this.curExecution;
  };

  // Records the task as done by the user: false when it was done and cannot be done again (not manyTimes).
  SmartTasker.prototype.completeExecution = function (taskId) {
    var task = this.defineTask(taskId);
    var progress = this.progress();
    var execution = progress.tasks[task.id];
    if (execution && !task.manyTimes) { return false; }
    execution = { taskID: task.id, count: (execution ? execution.count : 0) + 1, completed_at: new Date().toISOString() };
    progress.tasks[task.id] = execution;
    progress.totalReward = Number(progress.totalReward || 0) + task.amount;
    this.save(progress);
    this.addBalance(task.amount);
    this.curExecution = execution;
    return execution;
  };

  SmartTasker.prototype.skipTask = function () {
    var next = this.getTasksForWork()[0];
    if (!next) { return false; }
    var progress = this.progress();
    progress.skipped[next.id] = true;
    this.save(progress);
    return this.getTasksForWork().length > 0;
  };

  SmartTasker.prototype.addBalance = function (amount) {
    var balance = this.balance + Number(amount);
    if (!(balance >= 0)) { throw new Error('SmartTasker: the balance cannot go below 0'); }
    this.balance = balance;
    return balance;
  };

  SmartTasker.prototype.clearUserProgress = function () {
    if (user) { User.deleteProp(this.propName()); }
  };

  // The task's question and one button per answer, as params {question, answers} for a template; a button's command
  // carries "<taskID>:<answer index>:<1 if correct>" for acceptAnswer (BB's help: not proof of a secure quiz).
  SmartTasker.prototype.prepareTaskQuestion = function (options) {
    var task = this.defineTask(options.taskID);
    var buttons = (task.answers || []).map(function (answer, index) {
      return [{ text: String(answer), command: options.onAnswer + ' ' + task.id + ':' + index + ':'
        + (answer === task.correctAnswer ? 1 : 0) }];
    });
    this.add({ question: task.question, answers: buttons });
    return { question: task.question, answers: buttons };
  };

  SmartTasker.prototype.acceptAnswer = function (text) {
    var parts = String(text === undefined ? params : text).trim().split(':');
    return { taskID: parts[0], answerIndex: Number(parts[1]), isCorrect: parts[2] === '1' };
  };

  return { SmartBot: SmartBot, SmartAmountDialog: SmartAmountDialog, SmartTasker: SmartTasker };
})()
