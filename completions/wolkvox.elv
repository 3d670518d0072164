
use builtin;
use str;

set edit:completion:arg-completer[wolkvox] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'wolkvox'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'wolkvox'= {
            cand -s 'CRM host as in the browser''s address bar (crm0001.wolkvox.com), or a base URL (https://host[:port][/prefix]) to which the API path is added'
            cand --server 'CRM host as in the browser''s address bar (crm0001.wolkvox.com), or a base URL (https://host[:port][/prefix]) to which the API path is added'
            cand -t 'API token (Manager → Configuration → Integrations → Tokens). Prefer the variable or the config file: flags are visible to other users in `ps`'
            cand --token 'API token (Manager → Configuration → Integrations → Tokens). Prefer the variable or the config file: flags are visible to other users in `ps`'
            cand --operation 'The CRM operation (account) name; inferred from the token when it encodes one'
            cand -c 'Config file [default: <config dir>/wolkvox/config.toml]'
            cand --config 'Config file [default: <config dir>/wolkvox/config.toml]'
            cand -p 'Use the settings of [profiles.NAME] in the config file'
            cand --profile 'Use the settings of [profiles.NAME] in the config file'
            cand -o 'Output format on stdout'
            cand --output 'Output format on stdout'
            cand --color 'Colour on a terminal: auto, always or never (NO_COLOR also turns it off)'
            cand --timeout 'Seconds one request may take [default: 60, the API''s own limit]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --retries 'Further attempts after a connection failure, timeout, 429 or 5xx [default: 3]'
            cand --concurrency 'Requests in flight at once: 1 or 2 [default: 1]'
            cand --json 'Short for --output json'
            cand -v 'Show requests and answers on stderr (-vv: headers and bodies, token redacted)'
            cand --verbose 'Show requests and answers on stderr (-vv: headers and bodies, token redacted)'
            cand -q 'Print nothing but errors: a text run that deleted every id prints nothing at all (cron mails nothing)'
            cand --quiet 'Print nothing but errors: a text run that deleted every id prints nothing at all (cron mails nothing)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand delete 'Delete records by id'
            cand quota 'Show the token''s daily request quota: limit, used, remaining (costs one request itself)'
            cand config 'Show where settings come from, or create a config file'
            cand completions 'Print a shell completion script'
            cand man 'Print the manual page (roff), e.g. `wolkvox man | man -l -`'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'wolkvox;delete'= {
            cand -m 'CRM module holding the records: contacts, leads, cases or a custom one'
            cand --module 'CRM module holding the records: contacts, leads, cases or a custom one'
            cand -f 'Read ids from this file (repeatable; ''-'' is stdin)'
            cand --file 'Read ids from this file (repeatable; ''-'' is stdin)'
            cand --column 'Read ids from one column of CSV input, by header name or 1-based number'
            cand --delimiter 'The CSV delimiter [default: found in the header line among , ; and tab]'
            cand --batch-size 'Ids per request, 1 to 10000 [default: 100]'
            cand --max-delete 'Send nothing when there are more than N unique ids (a guard for unattended runs)'
            cand --failed-file 'Write the ids that were not deleted here, one per line (empty when all were)'
            cand --audit-log 'Append one JSON line per request to this file'
            cand -s 'CRM host as in the browser''s address bar (crm0001.wolkvox.com), or a base URL (https://host[:port][/prefix]) to which the API path is added'
            cand --server 'CRM host as in the browser''s address bar (crm0001.wolkvox.com), or a base URL (https://host[:port][/prefix]) to which the API path is added'
            cand -t 'API token (Manager → Configuration → Integrations → Tokens). Prefer the variable or the config file: flags are visible to other users in `ps`'
            cand --token 'API token (Manager → Configuration → Integrations → Tokens). Prefer the variable or the config file: flags are visible to other users in `ps`'
            cand --operation 'The CRM operation (account) name; inferred from the token when it encodes one'
            cand -c 'Config file [default: <config dir>/wolkvox/config.toml]'
            cand --config 'Config file [default: <config dir>/wolkvox/config.toml]'
            cand -p 'Use the settings of [profiles.NAME] in the config file'
            cand --profile 'Use the settings of [profiles.NAME] in the config file'
            cand -o 'Output format on stdout'
            cand --output 'Output format on stdout'
            cand --color 'Colour on a terminal: auto, always or never (NO_COLOR also turns it off)'
            cand --timeout 'Seconds one request may take [default: 60, the API''s own limit]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --retries 'Further attempts after a connection failure, timeout, 429 or 5xx [default: 3]'
            cand --concurrency 'Requests in flight at once: 1 or 2 [default: 1]'
            cand --no-header 'The CSV input has no header row (then --column takes a number)'
            cand --dry-run 'Check everything and print the requests, but send nothing'
            cand --no-split 'Do not split a refused batch to find the refused ids (then one refused id fails its whole batch)'
            cand -y 'Delete without asking (scripts and cron); without it wolkvox asks on the terminal, and sends nothing when there is none'
            cand --yes 'Delete without asking (scripts and cron); without it wolkvox asks on the terminal, and sends nothing when there is none'
            cand --check-quota 'Ask the token''s quota first; send nothing if the run needs more requests than remain today (the check costs one request)'
            cand --json 'Short for --output json'
            cand -v 'Show requests and answers on stderr (-vv: headers and bodies, token redacted)'
            cand --verbose 'Show requests and answers on stderr (-vv: headers and bodies, token redacted)'
            cand -q 'Print nothing but errors: a text run that deleted every id prints nothing at all (cron mails nothing)'
            cand --quiet 'Print nothing but errors: a text run that deleted every id prints nothing at all (cron mails nothing)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'wolkvox;quota'= {
            cand -s 'CRM host as in the browser''s address bar (crm0001.wolkvox.com), or a base URL (https://host[:port][/prefix]) to which the API path is added'
            cand --server 'CRM host as in the browser''s address bar (crm0001.wolkvox.com), or a base URL (https://host[:port][/prefix]) to which the API path is added'
            cand -t 'API token (Manager → Configuration → Integrations → Tokens). Prefer the variable or the config file: flags are visible to other users in `ps`'
            cand --token 'API token (Manager → Configuration → Integrations → Tokens). Prefer the variable or the config file: flags are visible to other users in `ps`'
            cand --operation 'The CRM operation (account) name; inferred from the token when it encodes one'
            cand -c 'Config file [default: <config dir>/wolkvox/config.toml]'
            cand --config 'Config file [default: <config dir>/wolkvox/config.toml]'
            cand -p 'Use the settings of [profiles.NAME] in the config file'
            cand --profile 'Use the settings of [profiles.NAME] in the config file'
            cand -o 'Output format on stdout'
            cand --output 'Output format on stdout'
            cand --color 'Colour on a terminal: auto, always or never (NO_COLOR also turns it off)'
            cand --timeout 'Seconds one request may take [default: 60, the API''s own limit]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --retries 'Further attempts after a connection failure, timeout, 429 or 5xx [default: 3]'
            cand --concurrency 'Requests in flight at once: 1 or 2 [default: 1]'
            cand --json 'Short for --output json'
            cand -v 'Show requests and answers on stderr (-vv: headers and bodies, token redacted)'
            cand --verbose 'Show requests and answers on stderr (-vv: headers and bodies, token redacted)'
            cand -q 'Print nothing but errors: a text run that deleted every id prints nothing at all (cron mails nothing)'
            cand --quiet 'Print nothing but errors: a text run that deleted every id prints nothing at all (cron mails nothing)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'wolkvox;config'= {
            cand -s 'CRM host as in the browser''s address bar (crm0001.wolkvox.com), or a base URL (https://host[:port][/prefix]) to which the API path is added'
            cand --server 'CRM host as in the browser''s address bar (crm0001.wolkvox.com), or a base URL (https://host[:port][/prefix]) to which the API path is added'
            cand -t 'API token (Manager → Configuration → Integrations → Tokens). Prefer the variable or the config file: flags are visible to other users in `ps`'
            cand --token 'API token (Manager → Configuration → Integrations → Tokens). Prefer the variable or the config file: flags are visible to other users in `ps`'
            cand --operation 'The CRM operation (account) name; inferred from the token when it encodes one'
            cand -c 'Config file [default: <config dir>/wolkvox/config.toml]'
            cand --config 'Config file [default: <config dir>/wolkvox/config.toml]'
            cand -p 'Use the settings of [profiles.NAME] in the config file'
            cand --profile 'Use the settings of [profiles.NAME] in the config file'
            cand -o 'Output format on stdout'
            cand --output 'Output format on stdout'
            cand --color 'Colour on a terminal: auto, always or never (NO_COLOR also turns it off)'
            cand --timeout 'Seconds one request may take [default: 60, the API''s own limit]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --retries 'Further attempts after a connection failure, timeout, 429 or 5xx [default: 3]'
            cand --concurrency 'Requests in flight at once: 1 or 2 [default: 1]'
            cand --json 'Short for --output json'
            cand -v 'Show requests and answers on stderr (-vv: headers and bodies, token redacted)'
            cand --verbose 'Show requests and answers on stderr (-vv: headers and bodies, token redacted)'
            cand -q 'Print nothing but errors: a text run that deleted every id prints nothing at all (cron mails nothing)'
            cand --quiet 'Print nothing but errors: a text run that deleted every id prints nothing at all (cron mails nothing)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand show 'Print every resolved setting and where it came from (token redacted)'
            cand path 'Print the config file that would be read'
            cand init 'Write a commented starter config file (mode 0600); never overwrites'
            cand profiles 'Print the names of the config file''s profiles, one per line'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'wolkvox;config;show'= {
            cand -s 'CRM host as in the browser''s address bar (crm0001.wolkvox.com), or a base URL (https://host[:port][/prefix]) to which the API path is added'
            cand --server 'CRM host as in the browser''s address bar (crm0001.wolkvox.com), or a base URL (https://host[:port][/prefix]) to which the API path is added'
            cand -t 'API token (Manager → Configuration → Integrations → Tokens). Prefer the variable or the config file: flags are visible to other users in `ps`'
            cand --token 'API token (Manager → Configuration → Integrations → Tokens). Prefer the variable or the config file: flags are visible to other users in `ps`'
            cand --operation 'The CRM operation (account) name; inferred from the token when it encodes one'
            cand -c 'Config file [default: <config dir>/wolkvox/config.toml]'
            cand --config 'Config file [default: <config dir>/wolkvox/config.toml]'
            cand -p 'Use the settings of [profiles.NAME] in the config file'
            cand --profile 'Use the settings of [profiles.NAME] in the config file'
            cand -o 'Output format on stdout'
            cand --output 'Output format on stdout'
            cand --color 'Colour on a terminal: auto, always or never (NO_COLOR also turns it off)'
            cand --timeout 'Seconds one request may take [default: 60, the API''s own limit]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --retries 'Further attempts after a connection failure, timeout, 429 or 5xx [default: 3]'
            cand --concurrency 'Requests in flight at once: 1 or 2 [default: 1]'
            cand --json 'Short for --output json'
            cand -v 'Show requests and answers on stderr (-vv: headers and bodies, token redacted)'
            cand --verbose 'Show requests and answers on stderr (-vv: headers and bodies, token redacted)'
            cand -q 'Print nothing but errors: a text run that deleted every id prints nothing at all (cron mails nothing)'
            cand --quiet 'Print nothing but errors: a text run that deleted every id prints nothing at all (cron mails nothing)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'wolkvox;config;path'= {
            cand -s 'CRM host as in the browser''s address bar (crm0001.wolkvox.com), or a base URL (https://host[:port][/prefix]) to which the API path is added'
            cand --server 'CRM host as in the browser''s address bar (crm0001.wolkvox.com), or a base URL (https://host[:port][/prefix]) to which the API path is added'
            cand -t 'API token (Manager → Configuration → Integrations → Tokens). Prefer the variable or the config file: flags are visible to other users in `ps`'
            cand --token 'API token (Manager → Configuration → Integrations → Tokens). Prefer the variable or the config file: flags are visible to other users in `ps`'
            cand --operation 'The CRM operation (account) name; inferred from the token when it encodes one'
            cand -c 'Config file [default: <config dir>/wolkvox/config.toml]'
            cand --config 'Config file [default: <config dir>/wolkvox/config.toml]'
            cand -p 'Use the settings of [profiles.NAME] in the config file'
            cand --profile 'Use the settings of [profiles.NAME] in the config file'
            cand -o 'Output format on stdout'
            cand --output 'Output format on stdout'
            cand --color 'Colour on a terminal: auto, always or never (NO_COLOR also turns it off)'
            cand --timeout 'Seconds one request may take [default: 60, the API''s own limit]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --retries 'Further attempts after a connection failure, timeout, 429 or 5xx [default: 3]'
            cand --concurrency 'Requests in flight at once: 1 or 2 [default: 1]'
            cand --json 'Short for --output json'
            cand -v 'Show requests and answers on stderr (-vv: headers and bodies, token redacted)'
            cand --verbose 'Show requests and answers on stderr (-vv: headers and bodies, token redacted)'
            cand -q 'Print nothing but errors: a text run that deleted every id prints nothing at all (cron mails nothing)'
            cand --quiet 'Print nothing but errors: a text run that deleted every id prints nothing at all (cron mails nothing)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'wolkvox;config;init'= {
            cand -s 'CRM host as in the browser''s address bar (crm0001.wolkvox.com), or a base URL (https://host[:port][/prefix]) to which the API path is added'
            cand --server 'CRM host as in the browser''s address bar (crm0001.wolkvox.com), or a base URL (https://host[:port][/prefix]) to which the API path is added'
            cand -t 'API token (Manager → Configuration → Integrations → Tokens). Prefer the variable or the config file: flags are visible to other users in `ps`'
            cand --token 'API token (Manager → Configuration → Integrations → Tokens). Prefer the variable or the config file: flags are visible to other users in `ps`'
            cand --operation 'The CRM operation (account) name; inferred from the token when it encodes one'
            cand -c 'Config file [default: <config dir>/wolkvox/config.toml]'
            cand --config 'Config file [default: <config dir>/wolkvox/config.toml]'
            cand -p 'Use the settings of [profiles.NAME] in the config file'
            cand --profile 'Use the settings of [profiles.NAME] in the config file'
            cand -o 'Output format on stdout'
            cand --output 'Output format on stdout'
            cand --color 'Colour on a terminal: auto, always or never (NO_COLOR also turns it off)'
            cand --timeout 'Seconds one request may take [default: 60, the API''s own limit]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --retries 'Further attempts after a connection failure, timeout, 429 or 5xx [default: 3]'
            cand --concurrency 'Requests in flight at once: 1 or 2 [default: 1]'
            cand --json 'Short for --output json'
            cand -v 'Show requests and answers on stderr (-vv: headers and bodies, token redacted)'
            cand --verbose 'Show requests and answers on stderr (-vv: headers and bodies, token redacted)'
            cand -q 'Print nothing but errors: a text run that deleted every id prints nothing at all (cron mails nothing)'
            cand --quiet 'Print nothing but errors: a text run that deleted every id prints nothing at all (cron mails nothing)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'wolkvox;config;profiles'= {
            cand -s 'CRM host as in the browser''s address bar (crm0001.wolkvox.com), or a base URL (https://host[:port][/prefix]) to which the API path is added'
            cand --server 'CRM host as in the browser''s address bar (crm0001.wolkvox.com), or a base URL (https://host[:port][/prefix]) to which the API path is added'
            cand -t 'API token (Manager → Configuration → Integrations → Tokens). Prefer the variable or the config file: flags are visible to other users in `ps`'
            cand --token 'API token (Manager → Configuration → Integrations → Tokens). Prefer the variable or the config file: flags are visible to other users in `ps`'
            cand --operation 'The CRM operation (account) name; inferred from the token when it encodes one'
            cand -c 'Config file [default: <config dir>/wolkvox/config.toml]'
            cand --config 'Config file [default: <config dir>/wolkvox/config.toml]'
            cand -p 'Use the settings of [profiles.NAME] in the config file'
            cand --profile 'Use the settings of [profiles.NAME] in the config file'
            cand -o 'Output format on stdout'
            cand --output 'Output format on stdout'
            cand --color 'Colour on a terminal: auto, always or never (NO_COLOR also turns it off)'
            cand --timeout 'Seconds one request may take [default: 60, the API''s own limit]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --retries 'Further attempts after a connection failure, timeout, 429 or 5xx [default: 3]'
            cand --concurrency 'Requests in flight at once: 1 or 2 [default: 1]'
            cand --json 'Short for --output json'
            cand -v 'Show requests and answers on stderr (-vv: headers and bodies, token redacted)'
            cand --verbose 'Show requests and answers on stderr (-vv: headers and bodies, token redacted)'
            cand -q 'Print nothing but errors: a text run that deleted every id prints nothing at all (cron mails nothing)'
            cand --quiet 'Print nothing but errors: a text run that deleted every id prints nothing at all (cron mails nothing)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'wolkvox;config;help'= {
            cand show 'Print every resolved setting and where it came from (token redacted)'
            cand path 'Print the config file that would be read'
            cand init 'Write a commented starter config file (mode 0600); never overwrites'
            cand profiles 'Print the names of the config file''s profiles, one per line'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'wolkvox;config;help;show'= {
        }
        &'wolkvox;config;help;path'= {
        }
        &'wolkvox;config;help;init'= {
        }
        &'wolkvox;config;help;profiles'= {
        }
        &'wolkvox;config;help;help'= {
        }
        &'wolkvox;completions'= {
            cand -s 'CRM host as in the browser''s address bar (crm0001.wolkvox.com), or a base URL (https://host[:port][/prefix]) to which the API path is added'
            cand --server 'CRM host as in the browser''s address bar (crm0001.wolkvox.com), or a base URL (https://host[:port][/prefix]) to which the API path is added'
            cand -t 'API token (Manager → Configuration → Integrations → Tokens). Prefer the variable or the config file: flags are visible to other users in `ps`'
            cand --token 'API token (Manager → Configuration → Integrations → Tokens). Prefer the variable or the config file: flags are visible to other users in `ps`'
            cand --operation 'The CRM operation (account) name; inferred from the token when it encodes one'
            cand -c 'Config file [default: <config dir>/wolkvox/config.toml]'
            cand --config 'Config file [default: <config dir>/wolkvox/config.toml]'
            cand -p 'Use the settings of [profiles.NAME] in the config file'
            cand --profile 'Use the settings of [profiles.NAME] in the config file'
            cand -o 'Output format on stdout'
            cand --output 'Output format on stdout'
            cand --color 'Colour on a terminal: auto, always or never (NO_COLOR also turns it off)'
            cand --timeout 'Seconds one request may take [default: 60, the API''s own limit]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --retries 'Further attempts after a connection failure, timeout, 429 or 5xx [default: 3]'
            cand --concurrency 'Requests in flight at once: 1 or 2 [default: 1]'
            cand --json 'Short for --output json'
            cand -v 'Show requests and answers on stderr (-vv: headers and bodies, token redacted)'
            cand --verbose 'Show requests and answers on stderr (-vv: headers and bodies, token redacted)'
            cand -q 'Print nothing but errors: a text run that deleted every id prints nothing at all (cron mails nothing)'
            cand --quiet 'Print nothing but errors: a text run that deleted every id prints nothing at all (cron mails nothing)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'wolkvox;man'= {
            cand -s 'CRM host as in the browser''s address bar (crm0001.wolkvox.com), or a base URL (https://host[:port][/prefix]) to which the API path is added'
            cand --server 'CRM host as in the browser''s address bar (crm0001.wolkvox.com), or a base URL (https://host[:port][/prefix]) to which the API path is added'
            cand -t 'API token (Manager → Configuration → Integrations → Tokens). Prefer the variable or the config file: flags are visible to other users in `ps`'
            cand --token 'API token (Manager → Configuration → Integrations → Tokens). Prefer the variable or the config file: flags are visible to other users in `ps`'
            cand --operation 'The CRM operation (account) name; inferred from the token when it encodes one'
            cand -c 'Config file [default: <config dir>/wolkvox/config.toml]'
            cand --config 'Config file [default: <config dir>/wolkvox/config.toml]'
            cand -p 'Use the settings of [profiles.NAME] in the config file'
            cand --profile 'Use the settings of [profiles.NAME] in the config file'
            cand -o 'Output format on stdout'
            cand --output 'Output format on stdout'
            cand --color 'Colour on a terminal: auto, always or never (NO_COLOR also turns it off)'
            cand --timeout 'Seconds one request may take [default: 60, the API''s own limit]'
            cand --connect-timeout 'Seconds to wait for a connection [default: 10]'
            cand --retries 'Further attempts after a connection failure, timeout, 429 or 5xx [default: 3]'
            cand --concurrency 'Requests in flight at once: 1 or 2 [default: 1]'
            cand --json 'Short for --output json'
            cand -v 'Show requests and answers on stderr (-vv: headers and bodies, token redacted)'
            cand --verbose 'Show requests and answers on stderr (-vv: headers and bodies, token redacted)'
            cand -q 'Print nothing but errors: a text run that deleted every id prints nothing at all (cron mails nothing)'
            cand --quiet 'Print nothing but errors: a text run that deleted every id prints nothing at all (cron mails nothing)'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'wolkvox;help'= {
            cand delete 'Delete records by id'
            cand quota 'Show the token''s daily request quota: limit, used, remaining (costs one request itself)'
            cand config 'Show where settings come from, or create a config file'
            cand completions 'Print a shell completion script'
            cand man 'Print the manual page (roff), e.g. `wolkvox man | man -l -`'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'wolkvox;help;delete'= {
        }
        &'wolkvox;help;quota'= {
        }
        &'wolkvox;help;config'= {
            cand show 'Print every resolved setting and where it came from (token redacted)'
            cand path 'Print the config file that would be read'
            cand init 'Write a commented starter config file (mode 0600); never overwrites'
            cand profiles 'Print the names of the config file''s profiles, one per line'
        }
        &'wolkvox;help;config;show'= {
        }
        &'wolkvox;help;config;path'= {
        }
        &'wolkvox;help;config;init'= {
        }
        &'wolkvox;help;config;profiles'= {
        }
        &'wolkvox;help;completions'= {
        }
        &'wolkvox;help;man'= {
        }
        &'wolkvox;help;help'= {
        }
    ]
    $completions[$command]
}
