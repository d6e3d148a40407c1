import { INCIDENT_VARIABLES, isKnownVariable } from '../model/incident';
import { isRequestVariable, REQUEST_VARIABLES } from './request-scope';
import { templateSyntaxProblem, templateVariables } from './template';

/**
 * What is wrong with a template while it is edited: a syntax error (with its line and column), or a
 * variable that does not exist, with where it is and what may be used instead.
 */
export function findTemplateProblems(template: string): string[] {
  const syntax = templateSyntaxProblem(template);
  if (syntax) return [`Template error: ${syntax}`];
  const problems: string[] = [];
  for (const name of new Set(templateVariables(template))) {
    // An action's own variables and questions are checked against its definitions (ActionSchema).
    if (isKnownVariable(name) || isRequestVariable(name) || /^(variables|params|constants|secrets)\.[a-z]/.test(name))
      continue;
    const at = template.indexOf(name);
    problems.push(
      `Unknown variable "${name}"${at === -1 ? '' : ` at character ${at + 1}`}; known: ${INCIDENT_VARIABLES.join(', ')}, incident.custom_fields.<name>, incident.custom_fields_by_display_name["<shown name>"], incident.alert_details.<name>, variables.<name>, params.<name>, constants.<name>, secrets.<name>, ${REQUEST_VARIABLES.join(', ')}`,
    );
  }
  return problems;
}
