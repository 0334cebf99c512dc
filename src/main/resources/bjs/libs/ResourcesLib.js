// Libs.ResourcesLib as Bots.Business documents it: numeric resources of a user, a chat or another user/chat,
// kept in bot properties named as BB names them (ResourcesLib_user<telegramid>_<name>), with optional growth.
// Runs inside the command's run: every read and write is one of the run's property reads and writes.
var PREFIX = 'ResourcesLib_';

function mustBeNumber(value) {
  if (typeof value !== 'number' || value !== value) {
    throw 'ResLib: value must be number only. It is not number: ' + typeof value
      + (typeof value === 'undefined' ? '' : ' ' + JSON.stringify(value));
  }
}

function makeGrowth(resource) {
  var propName = function () { return resource.propName() + '_growth'; };
  var growth = {
    resource: resource,
    propName: propName,
    info: function () { return Bot.getProperty(propName()) || {}; },
    have: function () { return growth.info(); },
    isEnabled: function () { return growth.info().enabled === true; },
    stop: function () { return toggle(false); },
    // Growing again from now: the stopped time adds nothing.
    resume: function () {
      var info = growth.info();
      if (!info.type) { return false; }
      info.enabled = true;
      info.started_at = Date.now();
      return Bot.setProperty(propName(), info, 'json');
    },
    totalIterations: function (info) {
      info = info || growth.info();
      return (Date.now() - info.started_at) / 1000 / info.interval;
    },
    progress: function () {
      var info = growth.info();
      // No growth: NaN, as BB's lib computes it, so growth.progress().toFixed(2) shows "NaN" rather than failing.
      if (!info.interval) { return NaN; }
      return (growth.totalIterations(info) % 1) * 100;
    },
    willCompletedAfter: function () {
      var info = growth.info();
      return info.interval - growth.progress() / 100 * info.interval;
    },
    title: function () {
      var info = growth.info();
      if (!info.enabled) { return undefined; }
      var text = 'add ' + String(info.increment) + (info.type === 'simple' ? '' : '%')
        + ' once at ' + String(info.interval) + ' secs';
      return info.type === 'compound_interest' ? text + ' with reinvesting' : text;
    },
    add: function (options) { return start(options, 'simple', options.value); },
    addPercent: function (options) { return start(options, 'percent', options.percent); },
    addCompoundInterest: function (options) { return start(options, 'compound_interest', options.percent); },
    // The value after the iterations completed since the growth last counted; stores both.
    getValue: function (value) {
      var info = growth.info();
      if (!info.enabled) { return value; }
      var iterations = growth.totalIterations(info);
      if (info.max_iterations_count) {
        iterations = Math.min(iterations, info.max_iterations_count - info.completed_iterations_count);
      }
      if (iterations < 1) { return value; }
      var whole = Math.floor(iterations);
      var result = value;
      if (info.type === 'simple') { result = value + whole * info.increment; }
      if (info.type === 'percent') { result = value + info.increment / 100 * info.base_value * whole; }
      if (info.type === 'compound_interest') { result = value * Math.pow(1 + info.increment / 100, whole); }
      if (info.min && result < info.min) { result = info.min; }
      if (info.max && result > info.max) { result = info.max; }
      info.completed_iterations_count += whole;
      info.started_at = Date.now() - (iterations - whole) * info.interval * 1000;
      Bot.setProperty(propName(), info, 'json');
      resource._set(result);
      return result;
    },
    _updateBaseValue: function (baseValue) {
      var info = growth.info();
      if (!info.type) { return; }
      info.base_value = baseValue;
      Bot.setProperty(propName(), info, 'json');
    }
  };

  function toggle(enabled) {
    var info = growth.info();
    info.enabled = enabled;
    return Bot.setProperty(propName(), info, 'json');
  }

  function start(options, type, increment) {
    return Bot.setProperty(propName(), {
      base_value: resource.baseValue(), increment: increment, interval: options.interval, type: type,
      min: options.min, max: options.max, max_iterations_count: options.max_iterations_count,
      enabled: true, completed_iterations_count: 0, started_at: Date.now()
    }, 'json');
  }

  resource.growth = growth;
  // The growth is gone; the resource keeps the value it has.
  resource.resetGrowth = function () { Bot.deleteProp(propName()); };
  return growth;
}

function makeResource(owner, ownerId, name) {
  var resource = {
    objName: owner,
    objID: ownerId,
    name: name,
    growth: null,
    propName: function () { return PREFIX + owner + ownerId + '_' + name; },
    isNumber: function (value) { return typeof value === 'number'; },
    verifyNumber: mustBeNumber,
    baseValue: function () {
      var stored = Bot.getProperty(resource.propName());
      return typeof stored === 'undefined' || stored === null ? 0 : stored;
    },
    value: function () {
      var base = resource.baseValue();
      return resource.growth && resource.growth.isEnabled() ? resource.growth.getValue(base) : base;
    },
    _set: function (amount) { Bot.setProperty(resource.propName(), amount, 'float'); },
    set: function (amount) {
      mustBeNumber(amount);
      if (resource.growth && resource.growth.isEnabled()) { resource.growth._updateBaseValue(amount); }
      resource._set(amount);
      return true;
    },
    add: function (amount) {
      mustBeNumber(amount);
      resource.set(resource.value() + amount);
      return true;
    },
    have: function (amount) {
      mustBeNumber(amount);
      return resource.value() >= amount;
    },
    removeRes: function (amount) {
      resource.set(resource.value() - amount);
      return true;
    },
    remove: function (amount) {
      if (!resource.have(amount)) { throw 'ResLib: not enough resources'; }
      return resource.removeRes(amount);
    },
    removeAnyway: function (amount) {
      mustBeNumber(amount);
      return resource.removeRes(amount);
    },
    transferTo: function (another, amount) { return transfer(resource, another, amount, amount, true); },
    transferToAnyway: function (another, amount) { return transfer(resource, another, amount, amount, false); },
    takeFromAnother: function (another, amount) { return transfer(another, resource, amount, amount, true); },
    takeFromAnotherAnyway: function (another, amount) { return transfer(another, resource, amount, amount, false); },
    exchangeTo: function (another, options) {
      return transfer(resource, another, options.remove_amount, options.add_amount, true, true);
    }
  };
  makeGrowth(resource);
  return resource;
}

function transfer(from, to, removeAmount, addAmount, checked, different) {
  if (!different && from.name !== to.name) { throw 'ResLib: can not transfer different resources'; }
  if (checked && !from.have(removeAmount)) { throw 'ResLib: not enough resources for transfer'; }
  from.removeAnyway(removeAmount);
  return to.add(addAmount);
}

function currentUserId() {
  if (!user) { throw 'ResLib: userRes needs a user (this webhook has none)'; }
  return user.telegramid;
}

function currentChatId() {
  if (!chat) { throw 'ResLib: chatRes needs a chat (this webhook has none)'; }
  return chat.chatid;
}

publish({
  userRes: function (name) { return makeResource('user', currentUserId(), name); },
  chatRes: function (name) { return makeResource('chat', currentChatId(), name); },
  anotherUserRes: function (name, telegramid) { return makeResource('user', telegramid, name); },
  anotherChatRes: function (name, chatid) { return makeResource('chat', chatid, name); },
  growthFor: function (resource) { return resource.growth || makeGrowth(resource); }
});
