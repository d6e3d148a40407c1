import { launchFirefox } from './browsers/firefox.ts';
import { incidentLoopScenarios } from './incident-loop.scenarios.ts';

incidentLoopScenarios(() => launchFirefox());
