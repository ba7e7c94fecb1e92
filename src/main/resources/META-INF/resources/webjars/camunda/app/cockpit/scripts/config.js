// Lead SLA's Cockpit configuration: replaces the webapp's default config.js (whose settings are all commented out)
// to add a card linking to the managers' SLA dashboard on Cockpit's start page.
export default {
  customScripts: ['lead-sla/dashboard-link']
};
