// GOV.UK pattern: after a failed submit, move focus to the summary of what is wrong.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }
});
