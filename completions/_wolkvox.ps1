
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'wolkvox' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'wolkvox'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'wolkvox' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'CRM host as in the browser''s address bar (crm0001.wolkvox.com), or a base URL (https://host[:port][/prefix]) to which the API path is added')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'CRM host as in the browser''s address bar (crm0001.wolkvox.com), or a base URL (https://host[:port][/prefix]) to which the API path is added')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'API token (Manager → Configuration → Integrations → Tokens). Prefer the variable or the config file: flags are visible to other users in `ps`')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (Manager → Configuration → Integrations → Tokens). Prefer the variable or the config file: flags are visible to other users in `ps`')
            [CompletionResult]::new('--operation', '--operation', [CompletionResultType]::ParameterName, 'The CRM operation (account) name; inferred from the token when it encodes one')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Config file [default: <config dir>/wolkvox/config.toml]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: <config dir>/wolkvox/config.toml]')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use the settings of [profiles.NAME] in the config file')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the settings of [profiles.NAME] in the config file')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on a terminal: auto, always or never (NO_COLOR also turns it off)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one request may take [default: 60, the API''s own limit]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Further attempts after a connection failure, timeout, 429 or 5xx [default: 3]')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Requests in flight at once: 1 or 2 [default: 1]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests and answers on stderr (-vv: headers and bodies, token redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests and answers on stderr (-vv: headers and bodies, token redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors: a text run that deleted every id prints nothing at all (cron mails nothing)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors: a text run that deleted every id prints nothing at all (cron mails nothing)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete records by id')
            [CompletionResult]::new('quota', 'quota', [CompletionResultType]::ParameterValue, 'Show the token''s daily request quota: limit, used, remaining (costs one request itself)')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show where settings come from, or create a config file')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the manual page (roff), e.g. `wolkvox man | man -l -`')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'wolkvox;delete' {
            [CompletionResult]::new('-m', '-m', [CompletionResultType]::ParameterName, 'CRM module holding the records: contacts, leads, cases or a custom one')
            [CompletionResult]::new('--module', '--module', [CompletionResultType]::ParameterName, 'CRM module holding the records: contacts, leads, cases or a custom one')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'Read ids from this file (repeatable; ''-'' is stdin)')
            [CompletionResult]::new('--file', '--file', [CompletionResultType]::ParameterName, 'Read ids from this file (repeatable; ''-'' is stdin)')
            [CompletionResult]::new('--column', '--column', [CompletionResultType]::ParameterName, 'Read ids from one column of CSV input, by header name or 1-based number')
            [CompletionResult]::new('--delimiter', '--delimiter', [CompletionResultType]::ParameterName, 'The CSV delimiter [default: found in the header line among , ; and tab]')
            [CompletionResult]::new('--batch-size', '--batch-size', [CompletionResultType]::ParameterName, 'Ids per request, 1 to 10000 [default: 100]')
            [CompletionResult]::new('--max-delete', '--max-delete', [CompletionResultType]::ParameterName, 'Send nothing when there are more than N unique ids (a guard for unattended runs)')
            [CompletionResult]::new('--failed-file', '--failed-file', [CompletionResultType]::ParameterName, 'Write the ids that were not deleted here, one per line (empty when all were)')
            [CompletionResult]::new('--audit-log', '--audit-log', [CompletionResultType]::ParameterName, 'Append one JSON line per request to this file')
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'CRM host as in the browser''s address bar (crm0001.wolkvox.com), or a base URL (https://host[:port][/prefix]) to which the API path is added')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'CRM host as in the browser''s address bar (crm0001.wolkvox.com), or a base URL (https://host[:port][/prefix]) to which the API path is added')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'API token (Manager → Configuration → Integrations → Tokens). Prefer the variable or the config file: flags are visible to other users in `ps`')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (Manager → Configuration → Integrations → Tokens). Prefer the variable or the config file: flags are visible to other users in `ps`')
            [CompletionResult]::new('--operation', '--operation', [CompletionResultType]::ParameterName, 'The CRM operation (account) name; inferred from the token when it encodes one')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Config file [default: <config dir>/wolkvox/config.toml]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: <config dir>/wolkvox/config.toml]')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use the settings of [profiles.NAME] in the config file')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the settings of [profiles.NAME] in the config file')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on a terminal: auto, always or never (NO_COLOR also turns it off)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one request may take [default: 60, the API''s own limit]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Further attempts after a connection failure, timeout, 429 or 5xx [default: 3]')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Requests in flight at once: 1 or 2 [default: 1]')
            [CompletionResult]::new('--no-header', '--no-header', [CompletionResultType]::ParameterName, 'The CSV input has no header row (then --column takes a number)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Check everything and print the requests, but send nothing')
            [CompletionResult]::new('--no-split', '--no-split', [CompletionResultType]::ParameterName, 'Do not split a refused batch to find the refused ids (then one refused id fails its whole batch)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Delete without asking (scripts and cron); without it wolkvox asks on the terminal, and sends nothing when there is none')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Delete without asking (scripts and cron); without it wolkvox asks on the terminal, and sends nothing when there is none')
            [CompletionResult]::new('--check-quota', '--check-quota', [CompletionResultType]::ParameterName, 'Ask the token''s quota first; send nothing if the run needs more requests than remain today (the check costs one request)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests and answers on stderr (-vv: headers and bodies, token redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests and answers on stderr (-vv: headers and bodies, token redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors: a text run that deleted every id prints nothing at all (cron mails nothing)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors: a text run that deleted every id prints nothing at all (cron mails nothing)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'wolkvox;quota' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'CRM host as in the browser''s address bar (crm0001.wolkvox.com), or a base URL (https://host[:port][/prefix]) to which the API path is added')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'CRM host as in the browser''s address bar (crm0001.wolkvox.com), or a base URL (https://host[:port][/prefix]) to which the API path is added')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'API token (Manager → Configuration → Integrations → Tokens). Prefer the variable or the config file: flags are visible to other users in `ps`')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (Manager → Configuration → Integrations → Tokens). Prefer the variable or the config file: flags are visible to other users in `ps`')
            [CompletionResult]::new('--operation', '--operation', [CompletionResultType]::ParameterName, 'The CRM operation (account) name; inferred from the token when it encodes one')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Config file [default: <config dir>/wolkvox/config.toml]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: <config dir>/wolkvox/config.toml]')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use the settings of [profiles.NAME] in the config file')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the settings of [profiles.NAME] in the config file')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on a terminal: auto, always or never (NO_COLOR also turns it off)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one request may take [default: 60, the API''s own limit]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Further attempts after a connection failure, timeout, 429 or 5xx [default: 3]')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Requests in flight at once: 1 or 2 [default: 1]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests and answers on stderr (-vv: headers and bodies, token redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests and answers on stderr (-vv: headers and bodies, token redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors: a text run that deleted every id prints nothing at all (cron mails nothing)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors: a text run that deleted every id prints nothing at all (cron mails nothing)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'wolkvox;config' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'CRM host as in the browser''s address bar (crm0001.wolkvox.com), or a base URL (https://host[:port][/prefix]) to which the API path is added')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'CRM host as in the browser''s address bar (crm0001.wolkvox.com), or a base URL (https://host[:port][/prefix]) to which the API path is added')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'API token (Manager → Configuration → Integrations → Tokens). Prefer the variable or the config file: flags are visible to other users in `ps`')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (Manager → Configuration → Integrations → Tokens). Prefer the variable or the config file: flags are visible to other users in `ps`')
            [CompletionResult]::new('--operation', '--operation', [CompletionResultType]::ParameterName, 'The CRM operation (account) name; inferred from the token when it encodes one')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Config file [default: <config dir>/wolkvox/config.toml]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: <config dir>/wolkvox/config.toml]')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use the settings of [profiles.NAME] in the config file')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the settings of [profiles.NAME] in the config file')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on a terminal: auto, always or never (NO_COLOR also turns it off)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one request may take [default: 60, the API''s own limit]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Further attempts after a connection failure, timeout, 429 or 5xx [default: 3]')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Requests in flight at once: 1 or 2 [default: 1]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests and answers on stderr (-vv: headers and bodies, token redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests and answers on stderr (-vv: headers and bodies, token redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors: a text run that deleted every id prints nothing at all (cron mails nothing)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors: a text run that deleted every id prints nothing at all (cron mails nothing)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print every resolved setting and where it came from (token redacted)')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the config file that would be read')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a commented starter config file (mode 0600); never overwrites')
            [CompletionResult]::new('profiles', 'profiles', [CompletionResultType]::ParameterValue, 'Print the names of the config file''s profiles, one per line')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'wolkvox;config;show' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'CRM host as in the browser''s address bar (crm0001.wolkvox.com), or a base URL (https://host[:port][/prefix]) to which the API path is added')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'CRM host as in the browser''s address bar (crm0001.wolkvox.com), or a base URL (https://host[:port][/prefix]) to which the API path is added')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'API token (Manager → Configuration → Integrations → Tokens). Prefer the variable or the config file: flags are visible to other users in `ps`')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (Manager → Configuration → Integrations → Tokens). Prefer the variable or the config file: flags are visible to other users in `ps`')
            [CompletionResult]::new('--operation', '--operation', [CompletionResultType]::ParameterName, 'The CRM operation (account) name; inferred from the token when it encodes one')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Config file [default: <config dir>/wolkvox/config.toml]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: <config dir>/wolkvox/config.toml]')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use the settings of [profiles.NAME] in the config file')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the settings of [profiles.NAME] in the config file')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on a terminal: auto, always or never (NO_COLOR also turns it off)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one request may take [default: 60, the API''s own limit]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Further attempts after a connection failure, timeout, 429 or 5xx [default: 3]')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Requests in flight at once: 1 or 2 [default: 1]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests and answers on stderr (-vv: headers and bodies, token redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests and answers on stderr (-vv: headers and bodies, token redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors: a text run that deleted every id prints nothing at all (cron mails nothing)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors: a text run that deleted every id prints nothing at all (cron mails nothing)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'wolkvox;config;path' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'CRM host as in the browser''s address bar (crm0001.wolkvox.com), or a base URL (https://host[:port][/prefix]) to which the API path is added')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'CRM host as in the browser''s address bar (crm0001.wolkvox.com), or a base URL (https://host[:port][/prefix]) to which the API path is added')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'API token (Manager → Configuration → Integrations → Tokens). Prefer the variable or the config file: flags are visible to other users in `ps`')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (Manager → Configuration → Integrations → Tokens). Prefer the variable or the config file: flags are visible to other users in `ps`')
            [CompletionResult]::new('--operation', '--operation', [CompletionResultType]::ParameterName, 'The CRM operation (account) name; inferred from the token when it encodes one')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Config file [default: <config dir>/wolkvox/config.toml]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: <config dir>/wolkvox/config.toml]')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use the settings of [profiles.NAME] in the config file')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the settings of [profiles.NAME] in the config file')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on a terminal: auto, always or never (NO_COLOR also turns it off)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one request may take [default: 60, the API''s own limit]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Further attempts after a connection failure, timeout, 429 or 5xx [default: 3]')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Requests in flight at once: 1 or 2 [default: 1]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests and answers on stderr (-vv: headers and bodies, token redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests and answers on stderr (-vv: headers and bodies, token redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors: a text run that deleted every id prints nothing at all (cron mails nothing)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors: a text run that deleted every id prints nothing at all (cron mails nothing)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'wolkvox;config;init' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'CRM host as in the browser''s address bar (crm0001.wolkvox.com), or a base URL (https://host[:port][/prefix]) to which the API path is added')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'CRM host as in the browser''s address bar (crm0001.wolkvox.com), or a base URL (https://host[:port][/prefix]) to which the API path is added')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'API token (Manager → Configuration → Integrations → Tokens). Prefer the variable or the config file: flags are visible to other users in `ps`')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (Manager → Configuration → Integrations → Tokens). Prefer the variable or the config file: flags are visible to other users in `ps`')
            [CompletionResult]::new('--operation', '--operation', [CompletionResultType]::ParameterName, 'The CRM operation (account) name; inferred from the token when it encodes one')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Config file [default: <config dir>/wolkvox/config.toml]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: <config dir>/wolkvox/config.toml]')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use the settings of [profiles.NAME] in the config file')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the settings of [profiles.NAME] in the config file')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on a terminal: auto, always or never (NO_COLOR also turns it off)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one request may take [default: 60, the API''s own limit]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Further attempts after a connection failure, timeout, 429 or 5xx [default: 3]')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Requests in flight at once: 1 or 2 [default: 1]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests and answers on stderr (-vv: headers and bodies, token redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests and answers on stderr (-vv: headers and bodies, token redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors: a text run that deleted every id prints nothing at all (cron mails nothing)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors: a text run that deleted every id prints nothing at all (cron mails nothing)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'wolkvox;config;profiles' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'CRM host as in the browser''s address bar (crm0001.wolkvox.com), or a base URL (https://host[:port][/prefix]) to which the API path is added')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'CRM host as in the browser''s address bar (crm0001.wolkvox.com), or a base URL (https://host[:port][/prefix]) to which the API path is added')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'API token (Manager → Configuration → Integrations → Tokens). Prefer the variable or the config file: flags are visible to other users in `ps`')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (Manager → Configuration → Integrations → Tokens). Prefer the variable or the config file: flags are visible to other users in `ps`')
            [CompletionResult]::new('--operation', '--operation', [CompletionResultType]::ParameterName, 'The CRM operation (account) name; inferred from the token when it encodes one')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Config file [default: <config dir>/wolkvox/config.toml]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: <config dir>/wolkvox/config.toml]')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use the settings of [profiles.NAME] in the config file')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the settings of [profiles.NAME] in the config file')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on a terminal: auto, always or never (NO_COLOR also turns it off)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one request may take [default: 60, the API''s own limit]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Further attempts after a connection failure, timeout, 429 or 5xx [default: 3]')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Requests in flight at once: 1 or 2 [default: 1]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests and answers on stderr (-vv: headers and bodies, token redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests and answers on stderr (-vv: headers and bodies, token redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors: a text run that deleted every id prints nothing at all (cron mails nothing)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors: a text run that deleted every id prints nothing at all (cron mails nothing)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'wolkvox;config;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print every resolved setting and where it came from (token redacted)')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the config file that would be read')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a commented starter config file (mode 0600); never overwrites')
            [CompletionResult]::new('profiles', 'profiles', [CompletionResultType]::ParameterValue, 'Print the names of the config file''s profiles, one per line')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'wolkvox;config;help;show' {
            break
        }
        'wolkvox;config;help;path' {
            break
        }
        'wolkvox;config;help;init' {
            break
        }
        'wolkvox;config;help;profiles' {
            break
        }
        'wolkvox;config;help;help' {
            break
        }
        'wolkvox;completions' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'CRM host as in the browser''s address bar (crm0001.wolkvox.com), or a base URL (https://host[:port][/prefix]) to which the API path is added')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'CRM host as in the browser''s address bar (crm0001.wolkvox.com), or a base URL (https://host[:port][/prefix]) to which the API path is added')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'API token (Manager → Configuration → Integrations → Tokens). Prefer the variable or the config file: flags are visible to other users in `ps`')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (Manager → Configuration → Integrations → Tokens). Prefer the variable or the config file: flags are visible to other users in `ps`')
            [CompletionResult]::new('--operation', '--operation', [CompletionResultType]::ParameterName, 'The CRM operation (account) name; inferred from the token when it encodes one')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Config file [default: <config dir>/wolkvox/config.toml]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: <config dir>/wolkvox/config.toml]')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use the settings of [profiles.NAME] in the config file')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the settings of [profiles.NAME] in the config file')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on a terminal: auto, always or never (NO_COLOR also turns it off)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one request may take [default: 60, the API''s own limit]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Further attempts after a connection failure, timeout, 429 or 5xx [default: 3]')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Requests in flight at once: 1 or 2 [default: 1]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests and answers on stderr (-vv: headers and bodies, token redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests and answers on stderr (-vv: headers and bodies, token redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors: a text run that deleted every id prints nothing at all (cron mails nothing)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors: a text run that deleted every id prints nothing at all (cron mails nothing)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'wolkvox;man' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'CRM host as in the browser''s address bar (crm0001.wolkvox.com), or a base URL (https://host[:port][/prefix]) to which the API path is added')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'CRM host as in the browser''s address bar (crm0001.wolkvox.com), or a base URL (https://host[:port][/prefix]) to which the API path is added')
            [CompletionResult]::new('-t', '-t', [CompletionResultType]::ParameterName, 'API token (Manager → Configuration → Integrations → Tokens). Prefer the variable or the config file: flags are visible to other users in `ps`')
            [CompletionResult]::new('--token', '--token', [CompletionResultType]::ParameterName, 'API token (Manager → Configuration → Integrations → Tokens). Prefer the variable or the config file: flags are visible to other users in `ps`')
            [CompletionResult]::new('--operation', '--operation', [CompletionResultType]::ParameterName, 'The CRM operation (account) name; inferred from the token when it encodes one')
            [CompletionResult]::new('-c', '-c', [CompletionResultType]::ParameterName, 'Config file [default: <config dir>/wolkvox/config.toml]')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Config file [default: <config dir>/wolkvox/config.toml]')
            [CompletionResult]::new('-p', '-p', [CompletionResultType]::ParameterName, 'Use the settings of [profiles.NAME] in the config file')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Use the settings of [profiles.NAME] in the config file')
            [CompletionResult]::new('-o', '-o', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'Output format on stdout')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'Colour on a terminal: auto, always or never (NO_COLOR also turns it off)')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds one request may take [default: 60, the API''s own limit]')
            [CompletionResult]::new('--connect-timeout', '--connect-timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for a connection [default: 10]')
            [CompletionResult]::new('--retries', '--retries', [CompletionResultType]::ParameterName, 'Further attempts after a connection failure, timeout, 429 or 5xx [default: 3]')
            [CompletionResult]::new('--concurrency', '--concurrency', [CompletionResultType]::ParameterName, 'Requests in flight at once: 1 or 2 [default: 1]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Short for --output json')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Show requests and answers on stderr (-vv: headers and bodies, token redacted)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Show requests and answers on stderr (-vv: headers and bodies, token redacted)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print nothing but errors: a text run that deleted every id prints nothing at all (cron mails nothing)')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print nothing but errors: a text run that deleted every id prints nothing at all (cron mails nothing)')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'wolkvox;help' {
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete records by id')
            [CompletionResult]::new('quota', 'quota', [CompletionResultType]::ParameterValue, 'Show the token''s daily request quota: limit, used, remaining (costs one request itself)')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Show where settings come from, or create a config file')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the manual page (roff), e.g. `wolkvox man | man -l -`')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'wolkvox;help;delete' {
            break
        }
        'wolkvox;help;quota' {
            break
        }
        'wolkvox;help;config' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Print every resolved setting and where it came from (token redacted)')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the config file that would be read')
            [CompletionResult]::new('init', 'init', [CompletionResultType]::ParameterValue, 'Write a commented starter config file (mode 0600); never overwrites')
            [CompletionResult]::new('profiles', 'profiles', [CompletionResultType]::ParameterValue, 'Print the names of the config file''s profiles, one per line')
            break
        }
        'wolkvox;help;config;show' {
            break
        }
        'wolkvox;help;config;path' {
            break
        }
        'wolkvox;help;config;init' {
            break
        }
        'wolkvox;help;config;profiles' {
            break
        }
        'wolkvox;help;completions' {
            break
        }
        'wolkvox;help;man' {
            break
        }
        'wolkvox;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
