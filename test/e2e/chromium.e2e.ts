import { launchChromium } from './browsers/chromium.ts';
import { incidentLoopScenarios } from './incident-loop.scenarios.ts';

incidentLoopScenarios(() => launchChromium());
