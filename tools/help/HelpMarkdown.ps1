# Reads docs/help/<Cmdlet>.md, written in platyPS's layout (schema 2.0.0), into one object per cmdlet. Dot-sourced by
# tools/New-MamlHelp.ps1. The words come from here; the facts (types, sets, positions) are checked against the cmdlet
# by HelpMetadata.ps1. The layout, as platyPS writes it:
#
#   ---                                   front matter: schema: 2.0.0, external help file, Module Name, online version
#   # <Cmdlet-Name>
#   ## SYNOPSIS                           text
#   ## SYNTAX                             ### <SetName> [(Default)] + a ``` fence holding the set's syntax
#   ## DESCRIPTION                        text
#   ## EXAMPLES                           ### Example N: <title> + optional text + a ```powershell fence + remarks
#   ## PARAMETERS                         ### -<Name> + text + a ```yaml metadata block; last, ### CommonParameters
#   ## INPUTS / ## OUTPUTS                ### <type name> + text
#   ## NOTES                              text
#   ## RELATED LINKS                      [text](uri) lines; a uri that is not http(s) is a help topic name
#
# Text becomes one paragraph per blank-line-separated block; each "- " list item is a paragraph of its own.

$script:SectionOrder = 'SYNOPSIS', 'SYNTAX', 'DESCRIPTION', 'EXAMPLES', 'PARAMETERS', 'INPUTS', 'OUTPUTS', 'NOTES', 'RELATED LINKS'
$script:MetadataKeys = 'Type', 'Parameter Sets', 'Aliases', 'Accepted values', 'Required', 'Position', 'Default value',
    'Accept pipeline input', 'Accept wildcard characters'

function Split-MarkdownSection {
    # Splits lines at headings of one level ('## ' or '### '), ignoring '#' lines inside ``` fences (code comments).
    param([string[]] $Lines, [string] $Marker)
    $sections = [System.Collections.Generic.List[object]]::new()
    $current = $null
    $inFence = $false
    foreach ($line in $Lines) {
        if ($line -match '^\s*```') { $inFence = -not $inFence }
        if (-not $inFence -and $line.StartsWith($Marker)) {
            $current = [pscustomobject]@{ Title = $line.Substring($Marker.Length).Trim(); Lines = [System.Collections.Generic.List[string]]::new() }
            $sections.Add($current)
        } elseif ($null -ne $current) {
            $current.Lines.Add($line)
        }
    }
    $sections.ToArray()
}

function Split-Fence {
    # A section's lines as text lines and fences: [pscustomobject]@{ Text = lines outside fences; Fences = @(@{ Info; Lines }) }.
    param([string[]] $Lines, [string] $File)
    $text = [System.Collections.Generic.List[string]]::new()
    $fences = [System.Collections.Generic.List[object]]::new()
    $fence = $null
    foreach ($line in $Lines) {
        if ($null -ne $fence) {
            if ($line -match '^\s*```\s*$') { $fences.Add($fence); $fence = $null } else { $fence.Lines.Add($line) }
        } elseif ($line -match '^\s*```(?<info>[\w-]*)\s*$') {
            $fence = [pscustomobject]@{ Info = $Matches.info; Lines = [System.Collections.Generic.List[string]]::new() }
        } else {
            $text.Add($line)
        }
    }
    if ($null -ne $fence) { throw "${File}: an unclosed ``` fence." }
    [pscustomobject]@{ Text = $text.ToArray(); Fences = $fences.ToArray() }
}

function ConvertTo-Paragraph {
    # Markdown text to MAML paragraphs: blank lines separate paragraphs, list items stand alone (so Get-Help shows
    # them one per line), and a ``` fence is kept as one paragraph with its line breaks. Returns one string[]
    # (never unrolled, so an assignment always holds an array).
    param([string[]] $Lines)
    $paragraphs = [System.Collections.Generic.List[string]]::new()
    $buffer = [System.Collections.Generic.List[string]]::new()
    $fence = $null
    $flush = { if ($buffer.Count) { $paragraphs.Add(($buffer -join ' ')); $buffer.Clear() } }
    foreach ($line in $Lines) {
        if ($null -ne $fence) {
            if ($line -match '^\s*```') { $paragraphs.Add(($fence -join "`n")); $fence = $null } else { $fence.Add($line) }
            continue
        }
        if ($line -match '^\s*```') { & $flush; $fence = [System.Collections.Generic.List[string]]::new(); continue }
        if ($line.Trim() -eq '') { & $flush; continue }
        if ($line -match '^\s*([-*]|\d+\.)\s') { & $flush }
        $buffer.Add($line.Trim())
    }
    & $flush
    if ($null -ne $fence) { throw 'An unclosed ``` fence.' }
    , $paragraphs.ToArray()
}

function Read-FrontMatter {
    # The YAML block between the first two '---' lines, as a hashtable of 'key: value'.
    param([string[]] $Lines, [string] $File)
    if ($Lines.Count -lt 2 -or $Lines[0] -ne '---') { throw "${File}: no YAML front matter (a first line '---')." }
    $end = [Array]::IndexOf($Lines, '---', 1)
    if ($end -lt 0) { throw "${File}: the front matter has no closing '---'." }
    $values = @{}
    foreach ($line in $Lines[1..($end - 1)]) {
        if ($line -notmatch '^(?<key>[^:]+):\s*(?<value>.*?)\s*$') { throw "${File}: '$line' in the front matter is not 'key: value'." }
        $values[$Matches.key] = $Matches.value
    }
    [pscustomobject]@{ Values = $values; End = $end }
}

function Read-MetadataBlock {
    # One ```yaml block of a parameter: 'Key: value' lines; a line indented by two spaces continues the value before it
    # (YAML folds it with a space), so that long lists stay within the line limit. Keys are platyPS's; values stay
    # plain YAML scalars, which a YAML reader takes as written.
    param([string[]] $Lines, [string] $Where)
    $block = [ordered]@{}
    $key = $null
    foreach ($line in $Lines) {
        if ($line.Trim() -eq '') { $key = $null; continue }
        if ($line -match '^\s{2,}(?<more>\S.*?)\s*$' -and $key) { $block[$key] = ($block[$key] + ' ' + $Matches.more).Trim(); continue }
        if ($line -notmatch '^(?<key>[A-Z][\w ]*):[ \t]*(?<value>.*?)\s*$') { throw "${Where}: '$line' is not 'Key: value'." }
        $key = $Matches.key
        if ($key -notin $script:MetadataKeys) { throw "${Where}: unknown metadata key '$key' (platyPS's keys: $($script:MetadataKeys -join ', '))." }
        if ($block.Contains($key)) { throw "${Where}: '$key' is given twice." }
        $block[$key] = [string]$Matches.value
    }
    foreach ($key in @($block.Keys)) {
        if ($block[$key] -match ': | #|^[\[\]{}&*!|>''"%@`,]') { throw "${Where}: the value of '$key' is not a plain YAML scalar: $($block[$key])" }
    }
    $block
}

function Read-ParameterEntry {
    # '### -Name', its text and its ```yaml blocks (one per distinct metadata across sets); '### CommonParameters' last.
    param([string[]] $Lines, [string] $File)
    $parameters = [ordered]@{}
    $common = $false
    foreach ($entry in Split-MarkdownSection $Lines '### ') {
        if ($entry.Title -eq 'CommonParameters') { $common = $true; continue }
        if ($entry.Title -notmatch '^-(\w+)$') { throw "${File}: '### $($entry.Title)' under PARAMETERS is not '### -Name'." }
        $name = $Matches[1]
        $parts = Split-Fence $entry.Lines "$File -$name"
        $other = @($parts.Fences | Where-Object Info -NE 'yaml')
        if ($other) { throw "${File}: -$name has a ``````$($other[0].Info) fence; only ``````yaml metadata belongs there." }
        $metadata = @($parts.Fences | ForEach-Object { Read-MetadataBlock $_.Lines "$File -$name" })
        $default = if ($metadata.Count -and $metadata[0].Contains('Default value')) { $metadata[0]['Default value'] } else { $null }
        $parameters[$name] = [pscustomobject]@{ Name = $name; Paragraphs = ConvertTo-Paragraph $parts.Text; Metadata = $metadata; Default = $default }
    }
    [pscustomobject]@{ Parameters = $parameters; CommonParameters = $common }
}

function Read-SyntaxEntry {
    # '### SetName' or '### SetName (Default)' and its fence: the syntax as one line, whitespace collapsed.
    param([string[]] $Lines, [string] $File)
    foreach ($entry in Split-MarkdownSection $Lines '### ') {
        $parts = Split-Fence $entry.Lines $File
        if (@($parts.Fences).Count -ne 1) { throw "${File}: SYNTAX '### $($entry.Title)' needs exactly one ``` fence." }
        $isDefault = $entry.Title -match '\s+\(Default\)$'
        [pscustomobject]@{
            Name      = $entry.Title -replace '\s+\(Default\)$', ''
            IsDefault = $isDefault
            Text      = (($parts.Fences[0].Lines -join ' ') -replace '\s+', ' ').Trim()
        }
    }
}

function Read-TypedEntry {
    # INPUTS and OUTPUTS: '### <type>' followed by its text.
    param([string[]] $Lines)
    foreach ($entry in Split-MarkdownSection $Lines '### ') {
        [pscustomobject]@{ Type = $entry.Title; Paragraphs = ConvertTo-Paragraph $entry.Lines }
    }
}

function Read-Example {
    # '### Example N: title', the first ``` fence is the code, the text before and after it the remarks.
    param([string[]] $Lines, [string] $File)
    foreach ($entry in Split-MarkdownSection $Lines '### ') {
        $text = $entry.Lines -join "`n"
        if ($text -notmatch '(?s)^(?<before>.*?)```[\w-]*\n(?<code>.*?)\n```(?<after>.*)$') {
            throw "${File}: example '$($entry.Title)' has no ``` code fence."
        }
        [pscustomobject]@{
            Title   = $entry.Title
            Code    = $Matches.code
            Remarks = ConvertTo-Paragraph (($Matches.before + "`n" + $Matches.after) -split "`n")
        }
    }
}

function Read-RelatedLink {
    # '[text](uri)' lines (a leading '- ' is allowed); other text is a link without a uri.
    param([string[]] $Lines)
    foreach ($line in $Lines) {
        $item = $line.Trim() -replace '^[-*]\s+', ''
        if ($item -eq '') { continue }
        if ($item -match '^\[(?<text>[^\]]+)\]\((?<uri>[^)]*)\)$') {
            $text, $target = $Matches.text, $Matches.uri
            # Only web addresses are URIs; 'about_PortOne' or 'Connect-PortOne' are help topics, found by name.
            [pscustomobject]@{ Text = $text; Uri = $(if ($target -match '^https?://') { $target } else { '' }) }
        } else {
            [pscustomobject]@{ Text = $item; Uri = '' }
        }
    }
}

function Read-CommandHelp {
    # One docs/help/<Cmdlet>.md as an object; throws when the layout is broken (a missing or misplaced section, a
    # fence left open), so that the build names the file. Whether it matches the cmdlet is HelpMetadata.ps1's job.
    param([string] $Path)
    $file = Split-Path $Path -Leaf
    $lines = @((Get-Content -LiteralPath $Path -Encoding utf8) -replace "`r$", '')
    $front = Read-FrontMatter $lines $file
    $body = @($lines | Select-Object -Skip ($front.End + 1))
    $title = $body | Where-Object { $_ -match '^# ' } | Select-Object -First 1
    if (-not $title) { throw "${file}: no '# <Cmdlet-Name>' title." }
    $sections = [ordered]@{}
    foreach ($section in Split-MarkdownSection $body '## ') { $sections[$section.Title.ToUpperInvariant()] = $section.Lines.ToArray() }
    $order = @($sections.Keys)
    if (($order -join '|') -ne ($script:SectionOrder -join '|')) {
        throw "${file}: the sections are '$($order -join "', '")'; platyPS's layout is '$($script:SectionOrder -join "', '")'."
    }
    $parameters = Read-ParameterEntry $sections['PARAMETERS'] $file
    $help = [pscustomobject]@{
        Name             = $title.Substring(2).Trim()
        File             = $file
        FrontMatter      = $front.Values
        Synopsis         = ConvertTo-Paragraph $sections['SYNOPSIS']
        Syntax           = @(Read-SyntaxEntry $sections['SYNTAX'] $file)
        Description      = ConvertTo-Paragraph $sections['DESCRIPTION']
        Examples         = @(Read-Example $sections['EXAMPLES'] $file)
        Parameters       = $parameters.Parameters
        CommonParameters = $parameters.CommonParameters
        Inputs           = @(Read-TypedEntry $sections['INPUTS'])
        Outputs          = @(Read-TypedEntry $sections['OUTPUTS'])
        Notes            = ConvertTo-Paragraph $sections['NOTES']
        Links            = @(Read-RelatedLink $sections['RELATED LINKS'])
    }
    foreach ($part in 'Synopsis', 'Syntax', 'Description', 'Examples', 'Inputs', 'Outputs') {
        if (@($help.$part).Count -eq 0) { throw "${file}: the $($part.ToUpperInvariant()) section is empty." }
    }
    $help
}
