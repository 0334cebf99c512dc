// BB's CommonLib, a library every BB bot has without installing it (also the global CommonLib): a user's display
// name, and a Markdown link that mentions the user. Works with any object that has BB's user fields.
function getNameFor(member) {
  if (!member) { return ""; }
  if (member.first_name) { return String(member.first_name); }
  if (member.last_name) { return String(member.last_name); }
  // BB's lib: a user known only by a username is shown with no name.
  return "";
}

function getLinkFor(member) {
  var name = getNameFor(member);
  var telegramId = member ? member.telegramid : undefined;
  return "[" + (name === "" ? telegramId : name) + "](tg://user?id=" + telegramId + ")";
}

publish({ getNameFor: getNameFor, getLinkFor: getLinkFor });
