// The areas of Dandelion (DESIGN.md), in navigation order.

export interface Area {
  path: string;
  label: string;
  group: 'Overview' | 'Engage' | 'Publish' | 'Enable' | 'Measure' | 'Administer';
  /** true when the page is built; the others show what they will do. */
  built: boolean;
  /** One or two sentences from DESIGN.md on what the area does. */
  summary: string;
  /** For an area built in part: what can be done there already (the overview shows it). */
  available?: string;
}

export const AREAS: readonly Area[] = [
  {
    path: '/',
    label: 'Overview',
    group: 'Overview',
    built: true,
    summary: 'Your roles and where to start.',
  },
  {
    path: '/organisation',
    label: 'Organisation',
    group: 'Overview',
    built: true,
    summary:
      'The unit tree: the hub and its spokes, each able to become a small hub of its own, with the people and roles at each unit.',
  },
  {
    path: '/listening',
    label: 'Listening',
    group: 'Engage',
    built: true,
    summary:
      'Topics written in the Brandwatch-style query language, matched against every incoming mention, with hourly rollups, spike detection and alerts per unit.',
  },
  {
    path: '/inbox',
    label: 'Inbox',
    group: 'Engage',
    built: false,
    summary:
      "Cases built from mentions, routed by rules to the right unit's queue (support, retail, PR…) with priorities and SLA clocks for first response and resolution.",
  },
  {
    path: '/contacts',
    label: 'Contacts',
    group: 'Engage',
    built: false,
    summary:
      'The social CRM: one person across networks, with attributes, consent and a timeline of mentions, cases, clicks and conversions; export and erase on request.',
  },
  {
    path: '/publishing',
    label: 'Publishing',
    group: 'Publish',
    built: true,
    summary:
      'Posts with a variant per channel, checked against the inherited policies (length, banned terms, disclosures, link domains), sent through an approval chain and published by the connectors.',
    available:
      'The draft checker: length against each network’s limit, links, mentions and hashtags, language, sentiment, intent and personal data, as you type.',
  },
  {
    path: '/calendar',
    label: 'Calendar',
    group: 'Publish',
    built: false,
    summary: 'Scheduled and published posts of every unit on one calendar, with blackout windows shown.',
  },
  {
    path: '/education',
    label: 'Education',
    group: 'Enable',
    built: false,
    summary:
      'Courses, quizzes and certifications that expire; some rights, such as publishing, are gated on a valid certification.',
  },
  {
    path: '/playbooks',
    label: 'Playbooks',
    group: 'Enable',
    built: false,
    summary:
      'The requirements for each strategy element (for example "launch a new channel": objective, audience, staffing, response SLA, sign-offs, measurement plan), published before units ask.',
  },
  {
    path: '/programs',
    label: 'Programs',
    group: 'Enable',
    built: false,
    summary:
      "A playbook carried out by a unit: deliverables, owners, stakeholder sign-offs (RACI), status and dates, rolled up to the hub.",
  },
  {
    path: '/requests',
    label: 'Requests',
    group: 'Enable',
    built: false,
    summary: 'Asks from a unit to the hub, matched to a playbook first so that units can help themselves.',
  },
  {
    path: '/advocacy',
    label: 'Advocacy',
    group: 'Enable',
    built: false,
    summary:
      'A library of approved content that employees share with per-advocate tracked links, so their clicks and conversions are counted.',
  },
  {
    path: '/community',
    label: 'Community',
    group: 'Enable',
    built: false,
    summary:
      'A Q&A space where customers help customers: questions, answers, accepted answers, kudos and ranks; a solved question viewed later counts as a deflected support case.',
  },
  {
    path: '/roi',
    label: 'ROI',
    group: 'Measure',
    built: false,
    summary:
      'Tracked links, conversions, attribution models, support-cost deflection and earned media value, per unit and per program, with the formulas shown.',
  },
  {
    path: '/audit',
    label: 'Audit log',
    group: 'Administer',
    built: true,
    summary: 'Who did what and when, with the before and after of each change, in a tamper-evident hash chain.',
  },
  {
    path: '/settings',
    label: 'Settings',
    group: 'Administer',
    built: true,
    summary: 'Your account and API tokens for integrations.',
  },
];

export function areaFor(path: string): Area | undefined {
  return AREAS.find((a) => a.path === path);
}
