// Cockpit plugin: a card on the dashboard that opens the Lead SLA dashboard (charts of response times,
// compliance, conversion, breaches and open leads) and the morning report's figures as JSON or CSV.
export default [
  {
    id: 'leadsla.dashboardLink',
    pluginPoint: 'cockpit.dashboard',
    priority: 20,
    render: (node) => {
      node.innerHTML = '<section class="dashboard-row"><h3 class="section-title">Lead SLA</h3>'
        + '<p><a href="/api/reports/dashboard" target="_blank" rel="noopener">Open the SLA dashboard</a>'
        + ' &ndash; response times, first-touch compliance, conversion by response time, breaches by rep and'
        + ' open leads by stage and age.</p></section>';
    }
  }
];
