// Libs.Random as Bots.Business documents it: randomInt(min, max) (both included), randomFloat(min, max) and
// sendMessage(list) (one of the messages, at random). As BB's lib does, bad arguments are answered with a message
// to the chat and undefined, not an error; unlike BB's lib, 0 is a valid bound (BB's own example uses 0).
var USAGE = 'need pass messages array. E.g: ["Hello", "Hi!"]';

function checkBounds(min, max) {
  if (min === undefined || max === undefined || min === null || max === null) {
    Bot.sendMessage('Need pass min and max for random value');
    return false;
  }
  if (typeof min !== 'number' || typeof max !== 'number' || min !== min || max !== max) {
    Bot.sendMessage('Min and max must be Number type');
    return false;
  }
  if (min > max) {
    Bot.sendMessage('Max must be greater than min');
    return false;
  }
  return true;
}

function randomFloat(min, max) {
  if (!checkBounds(min, max)) { return undefined; }
  return min + Math.random() * (max - min);
}

function randomInt(min, max) {
  if (!checkBounds(min, max)) { return undefined; }
  var low = Math.ceil(min), high = Math.floor(max);
  return low + Math.floor(Math.random() * (high - low + 1));
}

function sendMessage(messages) {
  if (!messages || !messages.length) {
    Bot.sendMessage(USAGE);
    return;
  }
  Bot.sendMessage(messages[randomInt(0, messages.length - 1)]);
}

publish({ randomInt: randomInt, randomFloat: randomFloat, sendMessage: sendMessage });
