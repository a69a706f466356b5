// GOV.UK Frontend styles some components differently once it knows scripts run; as a
// file, not inline, so that the Content Security Policy can forbid inline scripts.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
