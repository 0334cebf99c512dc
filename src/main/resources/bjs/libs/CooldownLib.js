// Libs.CooldownLib as Bots.Business documents it (help "Limit repeated actions with CooldownLib"): watch({name, time,
// onStarting, onWaiting, onEnding}) for the current user (user.watch), chat (chat.watch) or the whole bot (watch).
// The first call starts the period and calls onStarting; a call within it calls onWaiting(secondsLeft); the first
// call after it calls onEnding, and a truthy return starts the period again. A cooldown is a property holding when
// its period started and how long it is, so it commits with the run like any property.
var PREFIX = 'CooldownLib_';

function scope(kind) {
  function key(name) {
    if (name === undefined || name === null || String(name) === '') {
      throw new TypeError('CooldownLib: a cooldown needs a name');
    }
    if (kind === 'user') {
      if (!user) { throw new Error('CooldownLib.user needs a user'); }
      return { owner: User, name: PREFIX + name };
    }
    if (kind === 'chat') {
      if (!chat) { throw new Error('CooldownLib.chat needs a chat'); }
      return { owner: Bot, name: PREFIX + 'chat' + chat.chatid + '_' + name };
    }
    return { owner: Bot, name: PREFIX + name };
  }

  function read(name) {
    var where = key(name);
    var saved = where.owner.getProperty(where.name);
    return saved && typeof saved === 'object' ? saved : undefined;
  }

  function start(name, time) {
    var where = key(name);
    where.owner.setProperty(where.name, { time: time, started_at: Date.now() }, 'json');
  }

  function secondsLeft(saved) {
    return saved.time - (Date.now() - saved.started_at) / 1000;
  }

  function getCooldown(name) {
    var saved = read(name);
    return {
      name: name,
      // Seconds left in the period (0 or less once it is over), as BB's cooldown resource counts down.
      value: function () { return saved ? secondsLeft(saved) : 0; },
      time: saved ? saved.time : undefined,
      started_at: saved ? saved.started_at : undefined
    };
  }

  function watch(options) {
    if (!options || typeof options !== 'object') {
      throw new TypeError('CooldownLib.watch expects {name, time, onStarting, onWaiting, onEnding}');
    }
    var time = Number(options.time);
    if (!(time > 0)) { throw new TypeError('CooldownLib.watch: time must be a positive number of seconds'); }
    var saved = read(options.name);
    // A first call, or a changed time, starts the period anew.
    if (!saved || saved.time !== time) {
      start(options.name, time);
      return options.onStarting ? options.onStarting() : undefined;
    }
    var left = secondsLeft(saved);
    if (left > 0) {
      return options.onWaiting ? options.onWaiting(left) : undefined;
    }
    var restart = options.onEnding ? options.onEnding() : undefined;
    if (restart) { start(options.name, time); }
    return restart;
  }

  return { watch: watch, getCooldown: getCooldown };
}

var botScope = scope('bot');
publish({
  user: scope('user'),
  chat: scope('chat'),
  watch: botScope.watch,
  getCooldown: botScope.getCooldown
});
