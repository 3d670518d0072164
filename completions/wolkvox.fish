# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_wolkvox_global_optspecs
    string join \n s/server= t/token= operation= c/config= p/profile= o/output= json v/verbose q/quiet color= timeout= connect-timeout= retries= concurrency= h/help V/version
end

function __fish_wolkvox_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_wolkvox_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_wolkvox_using_subcommand
    set -l cmd (__fish_wolkvox_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c wolkvox -n "__fish_wolkvox_needs_command" -s s -l server -d 'CRM host as in the browser\'s address bar (crm0001.wolkvox.com), or a base URL (https://host[:port][/prefix]) to which the API path is added' -r
complete -c wolkvox -n "__fish_wolkvox_needs_command" -s t -l token -d 'API token (Manager → Configuration → Integrations → Tokens). Prefer the variable or the config file: flags are visible to other users in `ps`' -r
complete -c wolkvox -n "__fish_wolkvox_needs_command" -l operation -d 'The CRM operation (account) name; inferred from the token when it encodes one' -r
complete -c wolkvox -n "__fish_wolkvox_needs_command" -s c -l config -d 'Config file [default: <config dir>/wolkvox/config.toml]' -r -F
complete -c wolkvox -n "__fish_wolkvox_needs_command" -s p -l profile -d 'Use the settings of [profiles.NAME] in the config file' -r
complete -c wolkvox -n "__fish_wolkvox_needs_command" -s o -l output -d 'Output format on stdout' -r -f -a "text\t''
json\t''
jsonl\t''"
complete -c wolkvox -n "__fish_wolkvox_needs_command" -l color -d 'Colour on a terminal: auto, always or never (NO_COLOR also turns it off)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wolkvox -n "__fish_wolkvox_needs_command" -l timeout -d 'Seconds one request may take [default: 60, the API\'s own limit]' -r
complete -c wolkvox -n "__fish_wolkvox_needs_command" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c wolkvox -n "__fish_wolkvox_needs_command" -l retries -d 'Further attempts after a connection failure, timeout, 429 or 5xx [default: 3]' -r
complete -c wolkvox -n "__fish_wolkvox_needs_command" -l concurrency -d 'Requests in flight at once: 1 or 2 [default: 1]' -r
complete -c wolkvox -n "__fish_wolkvox_needs_command" -l json -d 'Short for --output json'
complete -c wolkvox -n "__fish_wolkvox_needs_command" -s v -l verbose -d 'Show requests and answers on stderr (-vv: headers and bodies, token redacted)'
complete -c wolkvox -n "__fish_wolkvox_needs_command" -s q -l quiet -d 'Print nothing but errors: a text run that deleted every id prints nothing at all (cron mails nothing)'
complete -c wolkvox -n "__fish_wolkvox_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wolkvox -n "__fish_wolkvox_needs_command" -s V -l version -d 'Print version'
complete -c wolkvox -n "__fish_wolkvox_needs_command" -f -a "delete" -d 'Delete records by id'
complete -c wolkvox -n "__fish_wolkvox_needs_command" -f -a "quota" -d 'Show the token\'s daily request quota: limit, used, remaining (costs one request itself)'
complete -c wolkvox -n "__fish_wolkvox_needs_command" -f -a "config" -d 'Show where settings come from, or create a config file'
complete -c wolkvox -n "__fish_wolkvox_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c wolkvox -n "__fish_wolkvox_needs_command" -f -a "man" -d 'Print the manual page (roff), e.g. `wolkvox man | man -l -`'
complete -c wolkvox -n "__fish_wolkvox_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand delete" -s m -l module -d 'CRM module holding the records: contacts, leads, cases or a custom one' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand delete" -s f -l file -d 'Read ids from this file (repeatable; \'-\' is stdin)' -r -F
complete -c wolkvox -n "__fish_wolkvox_using_subcommand delete" -l column -d 'Read ids from one column of CSV input, by header name or 1-based number' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand delete" -l delimiter -d 'The CSV delimiter [default: found in the header line among , ; and tab]' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand delete" -l batch-size -d 'Ids per request, 1 to 10000 [default: 100]' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand delete" -l max-delete -d 'Send nothing when there are more than N unique ids (a guard for unattended runs)' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand delete" -l failed-file -d 'Write the ids that were not deleted here, one per line (empty when all were)' -r -F
complete -c wolkvox -n "__fish_wolkvox_using_subcommand delete" -l audit-log -d 'Append one JSON line per request to this file' -r -F
complete -c wolkvox -n "__fish_wolkvox_using_subcommand delete" -s s -l server -d 'CRM host as in the browser\'s address bar (crm0001.wolkvox.com), or a base URL (https://host[:port][/prefix]) to which the API path is added' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand delete" -s t -l token -d 'API token (Manager → Configuration → Integrations → Tokens). Prefer the variable or the config file: flags are visible to other users in `ps`' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand delete" -l operation -d 'The CRM operation (account) name; inferred from the token when it encodes one' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand delete" -s c -l config -d 'Config file [default: <config dir>/wolkvox/config.toml]' -r -F
complete -c wolkvox -n "__fish_wolkvox_using_subcommand delete" -s p -l profile -d 'Use the settings of [profiles.NAME] in the config file' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand delete" -s o -l output -d 'Output format on stdout' -r -f -a "text\t''
json\t''
jsonl\t''"
complete -c wolkvox -n "__fish_wolkvox_using_subcommand delete" -l color -d 'Colour on a terminal: auto, always or never (NO_COLOR also turns it off)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wolkvox -n "__fish_wolkvox_using_subcommand delete" -l timeout -d 'Seconds one request may take [default: 60, the API\'s own limit]' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand delete" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand delete" -l retries -d 'Further attempts after a connection failure, timeout, 429 or 5xx [default: 3]' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand delete" -l concurrency -d 'Requests in flight at once: 1 or 2 [default: 1]' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand delete" -l no-header -d 'The CSV input has no header row (then --column takes a number)'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand delete" -l dry-run -d 'Check everything and print the requests, but send nothing'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand delete" -l no-split -d 'Do not split a refused batch to find the refused ids (then one refused id fails its whole batch)'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand delete" -s y -l yes -d 'Delete without asking (scripts and cron); without it wolkvox asks on the terminal, and sends nothing when there is none'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand delete" -l check-quota -d 'Ask the token\'s quota first; send nothing if the run needs more requests than remain today (the check costs one request)'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand delete" -l json -d 'Short for --output json'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand delete" -s v -l verbose -d 'Show requests and answers on stderr (-vv: headers and bodies, token redacted)'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand delete" -s q -l quiet -d 'Print nothing but errors: a text run that deleted every id prints nothing at all (cron mails nothing)'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand delete" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand quota" -s s -l server -d 'CRM host as in the browser\'s address bar (crm0001.wolkvox.com), or a base URL (https://host[:port][/prefix]) to which the API path is added' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand quota" -s t -l token -d 'API token (Manager → Configuration → Integrations → Tokens). Prefer the variable or the config file: flags are visible to other users in `ps`' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand quota" -l operation -d 'The CRM operation (account) name; inferred from the token when it encodes one' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand quota" -s c -l config -d 'Config file [default: <config dir>/wolkvox/config.toml]' -r -F
complete -c wolkvox -n "__fish_wolkvox_using_subcommand quota" -s p -l profile -d 'Use the settings of [profiles.NAME] in the config file' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand quota" -s o -l output -d 'Output format on stdout' -r -f -a "text\t''
json\t''
jsonl\t''"
complete -c wolkvox -n "__fish_wolkvox_using_subcommand quota" -l color -d 'Colour on a terminal: auto, always or never (NO_COLOR also turns it off)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wolkvox -n "__fish_wolkvox_using_subcommand quota" -l timeout -d 'Seconds one request may take [default: 60, the API\'s own limit]' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand quota" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand quota" -l retries -d 'Further attempts after a connection failure, timeout, 429 or 5xx [default: 3]' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand quota" -l concurrency -d 'Requests in flight at once: 1 or 2 [default: 1]' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand quota" -l json -d 'Short for --output json'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand quota" -s v -l verbose -d 'Show requests and answers on stderr (-vv: headers and bodies, token redacted)'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand quota" -s q -l quiet -d 'Print nothing but errors: a text run that deleted every id prints nothing at all (cron mails nothing)'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand quota" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and not __fish_seen_subcommand_from show path init profiles help" -s s -l server -d 'CRM host as in the browser\'s address bar (crm0001.wolkvox.com), or a base URL (https://host[:port][/prefix]) to which the API path is added' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and not __fish_seen_subcommand_from show path init profiles help" -s t -l token -d 'API token (Manager → Configuration → Integrations → Tokens). Prefer the variable or the config file: flags are visible to other users in `ps`' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and not __fish_seen_subcommand_from show path init profiles help" -l operation -d 'The CRM operation (account) name; inferred from the token when it encodes one' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and not __fish_seen_subcommand_from show path init profiles help" -s c -l config -d 'Config file [default: <config dir>/wolkvox/config.toml]' -r -F
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and not __fish_seen_subcommand_from show path init profiles help" -s p -l profile -d 'Use the settings of [profiles.NAME] in the config file' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and not __fish_seen_subcommand_from show path init profiles help" -s o -l output -d 'Output format on stdout' -r -f -a "text\t''
json\t''
jsonl\t''"
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and not __fish_seen_subcommand_from show path init profiles help" -l color -d 'Colour on a terminal: auto, always or never (NO_COLOR also turns it off)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and not __fish_seen_subcommand_from show path init profiles help" -l timeout -d 'Seconds one request may take [default: 60, the API\'s own limit]' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and not __fish_seen_subcommand_from show path init profiles help" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and not __fish_seen_subcommand_from show path init profiles help" -l retries -d 'Further attempts after a connection failure, timeout, 429 or 5xx [default: 3]' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and not __fish_seen_subcommand_from show path init profiles help" -l concurrency -d 'Requests in flight at once: 1 or 2 [default: 1]' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and not __fish_seen_subcommand_from show path init profiles help" -l json -d 'Short for --output json'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and not __fish_seen_subcommand_from show path init profiles help" -s v -l verbose -d 'Show requests and answers on stderr (-vv: headers and bodies, token redacted)'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and not __fish_seen_subcommand_from show path init profiles help" -s q -l quiet -d 'Print nothing but errors: a text run that deleted every id prints nothing at all (cron mails nothing)'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and not __fish_seen_subcommand_from show path init profiles help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and not __fish_seen_subcommand_from show path init profiles help" -f -a "show" -d 'Print every resolved setting and where it came from (token redacted)'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and not __fish_seen_subcommand_from show path init profiles help" -f -a "path" -d 'Print the config file that would be read'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and not __fish_seen_subcommand_from show path init profiles help" -f -a "init" -d 'Write a commented starter config file (mode 0600); never overwrites'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and not __fish_seen_subcommand_from show path init profiles help" -f -a "profiles" -d 'Print the names of the config file\'s profiles, one per line'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and not __fish_seen_subcommand_from show path init profiles help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from show" -s s -l server -d 'CRM host as in the browser\'s address bar (crm0001.wolkvox.com), or a base URL (https://host[:port][/prefix]) to which the API path is added' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from show" -s t -l token -d 'API token (Manager → Configuration → Integrations → Tokens). Prefer the variable or the config file: flags are visible to other users in `ps`' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from show" -l operation -d 'The CRM operation (account) name; inferred from the token when it encodes one' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from show" -s c -l config -d 'Config file [default: <config dir>/wolkvox/config.toml]' -r -F
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from show" -s p -l profile -d 'Use the settings of [profiles.NAME] in the config file' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from show" -s o -l output -d 'Output format on stdout' -r -f -a "text\t''
json\t''
jsonl\t''"
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from show" -l color -d 'Colour on a terminal: auto, always or never (NO_COLOR also turns it off)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from show" -l timeout -d 'Seconds one request may take [default: 60, the API\'s own limit]' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from show" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from show" -l retries -d 'Further attempts after a connection failure, timeout, 429 or 5xx [default: 3]' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from show" -l concurrency -d 'Requests in flight at once: 1 or 2 [default: 1]' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from show" -l json -d 'Short for --output json'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Show requests and answers on stderr (-vv: headers and bodies, token redacted)'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print nothing but errors: a text run that deleted every id prints nothing at all (cron mails nothing)'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from path" -s s -l server -d 'CRM host as in the browser\'s address bar (crm0001.wolkvox.com), or a base URL (https://host[:port][/prefix]) to which the API path is added' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from path" -s t -l token -d 'API token (Manager → Configuration → Integrations → Tokens). Prefer the variable or the config file: flags are visible to other users in `ps`' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from path" -l operation -d 'The CRM operation (account) name; inferred from the token when it encodes one' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from path" -s c -l config -d 'Config file [default: <config dir>/wolkvox/config.toml]' -r -F
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from path" -s p -l profile -d 'Use the settings of [profiles.NAME] in the config file' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from path" -s o -l output -d 'Output format on stdout' -r -f -a "text\t''
json\t''
jsonl\t''"
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from path" -l color -d 'Colour on a terminal: auto, always or never (NO_COLOR also turns it off)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from path" -l timeout -d 'Seconds one request may take [default: 60, the API\'s own limit]' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from path" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from path" -l retries -d 'Further attempts after a connection failure, timeout, 429 or 5xx [default: 3]' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from path" -l concurrency -d 'Requests in flight at once: 1 or 2 [default: 1]' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from path" -l json -d 'Short for --output json'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from path" -s v -l verbose -d 'Show requests and answers on stderr (-vv: headers and bodies, token redacted)'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from path" -s q -l quiet -d 'Print nothing but errors: a text run that deleted every id prints nothing at all (cron mails nothing)'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from path" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from init" -s s -l server -d 'CRM host as in the browser\'s address bar (crm0001.wolkvox.com), or a base URL (https://host[:port][/prefix]) to which the API path is added' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from init" -s t -l token -d 'API token (Manager → Configuration → Integrations → Tokens). Prefer the variable or the config file: flags are visible to other users in `ps`' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from init" -l operation -d 'The CRM operation (account) name; inferred from the token when it encodes one' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from init" -s c -l config -d 'Config file [default: <config dir>/wolkvox/config.toml]' -r -F
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from init" -s p -l profile -d 'Use the settings of [profiles.NAME] in the config file' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from init" -s o -l output -d 'Output format on stdout' -r -f -a "text\t''
json\t''
jsonl\t''"
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from init" -l color -d 'Colour on a terminal: auto, always or never (NO_COLOR also turns it off)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from init" -l timeout -d 'Seconds one request may take [default: 60, the API\'s own limit]' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from init" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from init" -l retries -d 'Further attempts after a connection failure, timeout, 429 or 5xx [default: 3]' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from init" -l concurrency -d 'Requests in flight at once: 1 or 2 [default: 1]' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from init" -l json -d 'Short for --output json'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from init" -s v -l verbose -d 'Show requests and answers on stderr (-vv: headers and bodies, token redacted)'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from init" -s q -l quiet -d 'Print nothing but errors: a text run that deleted every id prints nothing at all (cron mails nothing)'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from init" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from profiles" -s s -l server -d 'CRM host as in the browser\'s address bar (crm0001.wolkvox.com), or a base URL (https://host[:port][/prefix]) to which the API path is added' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from profiles" -s t -l token -d 'API token (Manager → Configuration → Integrations → Tokens). Prefer the variable or the config file: flags are visible to other users in `ps`' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from profiles" -l operation -d 'The CRM operation (account) name; inferred from the token when it encodes one' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from profiles" -s c -l config -d 'Config file [default: <config dir>/wolkvox/config.toml]' -r -F
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from profiles" -s p -l profile -d 'Use the settings of [profiles.NAME] in the config file' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from profiles" -s o -l output -d 'Output format on stdout' -r -f -a "text\t''
json\t''
jsonl\t''"
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from profiles" -l color -d 'Colour on a terminal: auto, always or never (NO_COLOR also turns it off)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from profiles" -l timeout -d 'Seconds one request may take [default: 60, the API\'s own limit]' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from profiles" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from profiles" -l retries -d 'Further attempts after a connection failure, timeout, 429 or 5xx [default: 3]' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from profiles" -l concurrency -d 'Requests in flight at once: 1 or 2 [default: 1]' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from profiles" -l json -d 'Short for --output json'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from profiles" -s v -l verbose -d 'Show requests and answers on stderr (-vv: headers and bodies, token redacted)'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from profiles" -s q -l quiet -d 'Print nothing but errors: a text run that deleted every id prints nothing at all (cron mails nothing)'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from profiles" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'Print every resolved setting and where it came from (token redacted)'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "path" -d 'Print the config file that would be read'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "init" -d 'Write a commented starter config file (mode 0600); never overwrites'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "profiles" -d 'Print the names of the config file\'s profiles, one per line'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand completions" -s s -l server -d 'CRM host as in the browser\'s address bar (crm0001.wolkvox.com), or a base URL (https://host[:port][/prefix]) to which the API path is added' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand completions" -s t -l token -d 'API token (Manager → Configuration → Integrations → Tokens). Prefer the variable or the config file: flags are visible to other users in `ps`' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand completions" -l operation -d 'The CRM operation (account) name; inferred from the token when it encodes one' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand completions" -s c -l config -d 'Config file [default: <config dir>/wolkvox/config.toml]' -r -F
complete -c wolkvox -n "__fish_wolkvox_using_subcommand completions" -s p -l profile -d 'Use the settings of [profiles.NAME] in the config file' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand completions" -s o -l output -d 'Output format on stdout' -r -f -a "text\t''
json\t''
jsonl\t''"
complete -c wolkvox -n "__fish_wolkvox_using_subcommand completions" -l color -d 'Colour on a terminal: auto, always or never (NO_COLOR also turns it off)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wolkvox -n "__fish_wolkvox_using_subcommand completions" -l timeout -d 'Seconds one request may take [default: 60, the API\'s own limit]' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand completions" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand completions" -l retries -d 'Further attempts after a connection failure, timeout, 429 or 5xx [default: 3]' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand completions" -l concurrency -d 'Requests in flight at once: 1 or 2 [default: 1]' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand completions" -l json -d 'Short for --output json'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand completions" -s v -l verbose -d 'Show requests and answers on stderr (-vv: headers and bodies, token redacted)'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand completions" -s q -l quiet -d 'Print nothing but errors: a text run that deleted every id prints nothing at all (cron mails nothing)'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand man" -s s -l server -d 'CRM host as in the browser\'s address bar (crm0001.wolkvox.com), or a base URL (https://host[:port][/prefix]) to which the API path is added' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand man" -s t -l token -d 'API token (Manager → Configuration → Integrations → Tokens). Prefer the variable or the config file: flags are visible to other users in `ps`' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand man" -l operation -d 'The CRM operation (account) name; inferred from the token when it encodes one' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand man" -s c -l config -d 'Config file [default: <config dir>/wolkvox/config.toml]' -r -F
complete -c wolkvox -n "__fish_wolkvox_using_subcommand man" -s p -l profile -d 'Use the settings of [profiles.NAME] in the config file' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand man" -s o -l output -d 'Output format on stdout' -r -f -a "text\t''
json\t''
jsonl\t''"
complete -c wolkvox -n "__fish_wolkvox_using_subcommand man" -l color -d 'Colour on a terminal: auto, always or never (NO_COLOR also turns it off)' -r -f -a "auto\t''
always\t''
never\t''"
complete -c wolkvox -n "__fish_wolkvox_using_subcommand man" -l timeout -d 'Seconds one request may take [default: 60, the API\'s own limit]' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand man" -l connect-timeout -d 'Seconds to wait for a connection [default: 10]' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand man" -l retries -d 'Further attempts after a connection failure, timeout, 429 or 5xx [default: 3]' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand man" -l concurrency -d 'Requests in flight at once: 1 or 2 [default: 1]' -r
complete -c wolkvox -n "__fish_wolkvox_using_subcommand man" -l json -d 'Short for --output json'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand man" -s v -l verbose -d 'Show requests and answers on stderr (-vv: headers and bodies, token redacted)'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand man" -s q -l quiet -d 'Print nothing but errors: a text run that deleted every id prints nothing at all (cron mails nothing)'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand man" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand help; and not __fish_seen_subcommand_from delete quota config completions man help" -f -a "delete" -d 'Delete records by id'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand help; and not __fish_seen_subcommand_from delete quota config completions man help" -f -a "quota" -d 'Show the token\'s daily request quota: limit, used, remaining (costs one request itself)'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand help; and not __fish_seen_subcommand_from delete quota config completions man help" -f -a "config" -d 'Show where settings come from, or create a config file'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand help; and not __fish_seen_subcommand_from delete quota config completions man help" -f -a "completions" -d 'Print a shell completion script'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand help; and not __fish_seen_subcommand_from delete quota config completions man help" -f -a "man" -d 'Print the manual page (roff), e.g. `wolkvox man | man -l -`'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand help; and not __fish_seen_subcommand_from delete quota config completions man help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "show" -d 'Print every resolved setting and where it came from (token redacted)'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "path" -d 'Print the config file that would be read'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "init" -d 'Write a commented starter config file (mode 0600); never overwrites'
complete -c wolkvox -n "__fish_wolkvox_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "profiles" -d 'Print the names of the config file\'s profiles, one per line'
complete -c wolkvox -s p -l profile -f -a "(wolkvox config profiles 2>/dev/null)" -d 'profile of the config file'
