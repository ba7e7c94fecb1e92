// Lead SLA's Tasklist configuration: replaces the webapp's default config.js.
export default {
  // lists sorted by the SLA deadline, overdue first (lead-sla/due-first.js); which lead a start form entered
  // and who has it (lead-sla/started-lead.js)
  customScripts: ['lead-sla/due-first', 'lead-sla/started-lead'],
  // dates as a sales team reads them: 24-hour times, the weekday, no year unless asked for
  dateFormat: {
    normal: 'ddd D MMM, HH:mm',
    long: 'dddd D MMMM YYYY, HH:mm'
  },
  // Tasklist's keyboard shortcuts, as the default configuration has them
  shortcuts: {
    claimTask: {key: 'ctrl+alt+c', description: 'claims the currently selected task'},
    focusFilter: {key: 'ctrl+shift+f', description: 'set the focus to the first filter in the list'},
    focusList: {key: 'ctrl+alt+l', description: 'sets the focus to the first task in the list'},
    focusForm: {key: 'ctrl+alt+f', description: 'sets the focus to the first input field in a task form'},
    startProcess: {key: 'ctrl+alt+p', description: 'opens the start process modal dialog'}
  }
};
