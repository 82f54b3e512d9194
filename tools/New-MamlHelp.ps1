#!/usr/bin/env pwsh
<#
.SYNOPSIS
    Writes the module's Get-Help files: en-US/<Assembly>-Help.xml (MAML) from docs/help/*.md, plus the about_ topics.
.DESCRIPTION
    The markdown in docs/help/<Cmdlet>.md is the one source of the words; the built module is the one source of the
    facts (parameter types, mandatory, position, pipeline input, parameter sets, aliases, accepted values). This script
    imports the built module, joins the two, and fails, naming the cmdlet and the parameter, when they disagree: a
    cmdlet without docs, a parameter without a description, or a description of a parameter the cmdlet does not have.
    platyPS does the same job, but it is not available here (no PowerShell Gallery), and this format is small.

    The markdown shape (one file per cmdlet; headings outside ``` fences only):
        # <Cmdlet-Name>
        ## SYNOPSIS / ## DESCRIPTION             text
        ## PARAMETERS                            ### -<Name> + text; an optional last line "Default value: <text>"
        ## INPUTS / ## OUTPUTS                   ### <type name> + text
        ## EXAMPLES                              ### Example N: <title> + a ```powershell fence + remarks
        ## NOTES                                 text
        ## RELATED LINKS                         - [text](uri) lines; a uri that is not http(s) is a help topic name
    Text becomes one paragraph per blank-line-separated block; each "- " list item is a paragraph of its own.
.EXAMPLE
    ./tools/New-MamlHelp.ps1 -ModuleManifest out/PortOne/0.1.0/PortOne.psd1 -DocsPath docs -OutputPath out/PortOne/0.1.0
#>
[CmdletBinding()]
param(
    # The built module's manifest: its cmdlets are imported into this session to read their real parameters.
    [Parameter(Mandatory)] [string] $ModuleManifest,
    # The folder holding help/<Cmdlet>.md and the about_*.help.txt topics.
    [Parameter(Mandatory)] [string] $DocsPath,
    # The module folder that receives en-US/.
    [Parameter(Mandatory)] [string] $OutputPath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$MamlNamespaces = [ordered]@{
    # The namespaces platyPS emits; Get-Help reads elements by these names.
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
    MSHelp  = 'http://msdn.microsoft.com/mshelp'
}

#region Reading the markdown

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

function Read-TypedEntry {
    # INPUTS and OUTPUTS: '### <type>' followed by its text.
    param([string[]] $Lines)
    foreach ($entry in Split-MarkdownSection $Lines '### ') {
        [pscustomobject]@{ Type = $entry.Title; Paragraphs = ConvertTo-Paragraph $entry.Lines }
    }
}

function Read-ParameterEntry {
    # '### -Name' followed by its text; a last line 'Default value: ...' goes to the MAML default value instead.
    param([string[]] $Lines, [string] $File)
    $parameters = [ordered]@{}
    foreach ($entry in Split-MarkdownSection $Lines '### ') {
        if ($entry.Title -notmatch '^-(\w+)$') { throw "${File}: '### $($entry.Title)' under PARAMETERS is not '### -Name'." }
        $name = $Matches[1]
        $default = $null
        $text = [System.Collections.Generic.List[string]]::new()
        foreach ($line in $entry.Lines) {
            if ($line -match '^Default value:\s*(.+?)\s*$') { $default = $Matches[1] } else { $text.Add($line) }
        }
        $parameters[$name] = [pscustomobject]@{ Name = $name; Paragraphs = ConvertTo-Paragraph $text; Default = $default }
    }
    $parameters
}

function Read-Example {
    # '### Example N: title', the first ``` fence is the code, the text after it the remarks.
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
    # '- [text](uri)' lines; other text is a link without a uri.
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
    # One docs/help/<Cmdlet>.md as an object; throws when a section Get-Help needs is missing or empty.
    param([string] $Path)
    $file = Split-Path $Path -Leaf
    $lines = (Get-Content -LiteralPath $Path -Encoding utf8) -replace "`r$", ''
    $title = $lines | Where-Object { $_ -match '^# ' } | Select-Object -First 1
    if (-not $title) { throw "${file}: no '# <Cmdlet-Name>' title." }
    $sections = @{}
    foreach ($section in Split-MarkdownSection $lines '## ') { $sections[$section.Title.ToUpperInvariant()] = $section.Lines.ToArray() }
    foreach ($required in 'SYNOPSIS', 'DESCRIPTION', 'PARAMETERS', 'INPUTS', 'OUTPUTS', 'EXAMPLES') {
        if (-not $sections.ContainsKey($required)) { throw "${file}: no '## $required' section." }
    }
    $help = [pscustomobject]@{
        Name        = $title.Substring(2).Trim()
        File        = $file
        Synopsis    = ConvertTo-Paragraph $sections['SYNOPSIS']
        Description = ConvertTo-Paragraph $sections['DESCRIPTION']
        Parameters  = Read-ParameterEntry $sections['PARAMETERS'] $file
        Inputs      = @(Read-TypedEntry $sections['INPUTS'])
        Outputs     = @(Read-TypedEntry $sections['OUTPUTS'])
        Examples    = @(Read-Example $sections['EXAMPLES'] $file)
        Notes       = if ($sections.ContainsKey('NOTES')) { ConvertTo-Paragraph $sections['NOTES'] } else { @() }
        Links       = if ($sections.ContainsKey('RELATED LINKS')) { @(Read-RelatedLink $sections['RELATED LINKS']) } else { @() }
    }
    foreach ($part in 'Synopsis', 'Description', 'Inputs', 'Outputs', 'Examples') {
        if (@($help.$part).Count -eq 0) { throw "${file}: the $($part.ToUpperInvariant()) section is empty." }
    }
    $help
}

#endregion

#region Checking the docs against the cmdlets

function Get-DocumentedParameter {
    # The parameters that need words: all but the common ones (-Verbose, -ErrorAction, ...), which Get-Help explains
    # itself. Paging (-First, -Skip, -IncludeTotalCount) and -WhatIf/-Confirm are the cmdlet's own and need docs.
    param([System.Management.Automation.CommandInfo] $Command)
    $common = [System.Management.Automation.Cmdlet]::CommonParameters
    @($Command.Parameters.Values | Where-Object { $_.Name -notin $common })
}

function Test-CommandHelp {
    # Every difference between the docs and the cmdlet, one line each, naming the cmdlet and the parameter.
    param([System.Management.Automation.CommandInfo] $Command, $Help)
    $actual = @(Get-DocumentedParameter $Command | ForEach-Object Name)
    foreach ($name in $actual) {
        if (-not $Help.Parameters.Contains($name)) {
            "$($Command.Name): parameter -$name is not described in $($Help.File) (add '### -$name' under PARAMETERS)."
        } elseif (@($Help.Parameters[$name].Paragraphs).Count -eq 0) {
            "$($Command.Name): parameter -$name has an empty description in $($Help.File)."
        }
    }
    foreach ($name in $Help.Parameters.Keys) {
        if ($name -notin $actual) { "$($Command.Name): $($Help.File) describes parameter -$name, which the cmdlet does not have." }
    }
    if ($Help.Name -ne $Command.Name) { "$($Command.Name): $($Help.File) is titled '# $($Help.Name)'." }
}

#endregion

#region Writing MAML

function Write-Paragraph {
    # <maml:description> (or another wrapper) holding one <maml:para> per paragraph.
    param([System.Xml.XmlWriter] $Writer, [string[]] $Paragraphs, [string] $Prefix = 'maml', [string] $Element = 'description')
    $Writer.WriteStartElement($Prefix, $Element, $MamlNamespaces[$Prefix])
    foreach ($text in $Paragraphs) { $Writer.WriteElementString('maml', 'para', $MamlNamespaces.maml, $text) }
    $Writer.WriteEndElement()
}

function Get-TypeDisplayName {
    # Short names as Get-Help shows them (DateTime, String[]); Nullable<T> shows as T.
    param([type] $Type)
    $underlying = [Nullable]::GetUnderlyingType($Type)
    if ($underlying) { $Type = $underlying }
    $Type.Name
}

function Get-AcceptedValue {
    # The values of a [ValidateSet] or an enum, for the {A | B} list in the syntax.
    param($ParameterType, $Attributes)
    $set = $Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | Select-Object -First 1
    if ($set) { return , @($set.ValidValues) }
    $type = [Nullable]::GetUnderlyingType($ParameterType)
    if (-not $type) { $type = $ParameterType }
    if ($type.IsEnum) { return , [Enum]::GetNames($type) }
    , @()
}

function Get-PipelineInput {
    # 'True (ByPropertyName, ByValue)' as platyPS writes it, across the parameter's sets.
    param($SetMetadata)
    $kinds = @()
    if ($SetMetadata | Where-Object ValueFromPipelineByPropertyName) { $kinds += 'ByPropertyName' }
    if ($SetMetadata | Where-Object ValueFromPipeline) { $kinds += 'ByValue' }
    if ($kinds) { "True ($($kinds -join ', '))" } else { 'False' }
}

function Write-ParameterElement {
    # One <command:parameter>. In the syntax ($SetName given) required/position are that set's and the accepted
    # values are listed; in the PARAMETERS section they summarise all the parameter's sets.
    param([System.Xml.XmlWriter] $Writer, [System.Management.Automation.ParameterMetadata] $Metadata, $Doc, [string] $SetName)
    $sets = if ($SetName) { @($Metadata.ParameterSets[$SetName]) } else { @($Metadata.ParameterSets.Values) }
    $positions = @($sets | Where-Object { $_.Position -ge 0 } | ForEach-Object Position | Sort-Object)
    $isSwitch = $Metadata.SwitchParameter
    $typeName = Get-TypeDisplayName $Metadata.ParameterType
    $default = if ($Doc.Default) { $Doc.Default } elseif ($isSwitch) { 'False' } else { 'None' }
    $globbing = [bool]($Metadata.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })

    $Writer.WriteStartElement('command', 'parameter', $MamlNamespaces.command)
    $Writer.WriteAttributeString('required', ([bool](@($sets | Where-Object { -not $_.IsMandatory }).Count -eq 0)).ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('variableLength', $Metadata.ParameterType.IsArray.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('globbing', $globbing.ToString().ToLowerInvariant())
    $Writer.WriteAttributeString('pipelineInput', (Get-PipelineInput $sets))
    $Writer.WriteAttributeString('position', $(if ($positions.Count) { [string]$positions[0] } else { 'named' }))
    $Writer.WriteAttributeString('aliases', $(if ($Metadata.Aliases.Count) { $Metadata.Aliases -join ', ' } else { 'none' }))
    $Writer.WriteElementString('maml', 'name', $MamlNamespaces.maml, $Metadata.Name)
    Write-Paragraph $Writer $Doc.Paragraphs
    if ($SetName) {
        $values = Get-AcceptedValue $Metadata.ParameterType $Metadata.Attributes
        if ($values.Count) {
            $Writer.WriteStartElement('command', 'parameterValueGroup', $MamlNamespaces.command)
            foreach ($value in $values) {
                $Writer.WriteStartElement('command', 'parameterValue', $MamlNamespaces.command)
                $Writer.WriteAttributeString('required', 'false')
                $Writer.WriteAttributeString('command', 'variableLength', $MamlNamespaces.command, 'false')
                $Writer.WriteString($value)
                $Writer.WriteEndElement()
            }
            $Writer.WriteEndElement()
        }
    }
    # A switch takes no value: in the syntax it is shown bare ([-PassThru]); elsewhere as [<SwitchParameter>].
    if (-not ($isSwitch -and $SetName)) {
        $Writer.WriteStartElement('command', 'parameterValue', $MamlNamespaces.command)
        $Writer.WriteAttributeString('required', (-not $isSwitch).ToString().ToLowerInvariant())
        $Writer.WriteAttributeString('variableLength', 'false')
        $Writer.WriteString($typeName)
        $Writer.WriteEndElement()
    }
    $Writer.WriteStartElement('dev', 'type', $MamlNamespaces.dev)
    $Writer.WriteElementString('maml', 'name', $MamlNamespaces.maml, $typeName)
    $Writer.WriteElementString('maml', 'uri', $MamlNamespaces.maml, '')
    $Writer.WriteEndElement()
    $Writer.WriteElementString('dev', 'defaultValue', $MamlNamespaces.dev, $default)
    $Writer.WriteEndElement()
}

function Write-Syntax {
    # One <command:syntaxItem> per parameter set: the default set first, then the others by how many parameters they
    # require (the simpler forms first), then by name; PowerShell's own order follows where a set's first parameter
    # happens to be declared. In a set: positional parameters first, by position, then the mandatory ones, then the rest
    # as declared. A parameter marked DontShow in a set is left out of that set's syntax: it is there only so that
    # the cmdlet can explain a combination that does not fit (such as -To with -Checkpoint) better than PowerShell would.
    param([System.Xml.XmlWriter] $Writer, [System.Management.Automation.CommandInfo] $Command, $Help)
    $common = [System.Management.Automation.Cmdlet]::CommonParameters
    $Writer.WriteStartElement('command', 'syntax', $MamlNamespaces.command)
    $sets = $Command.ParameterSets | Sort-Object { -not $_.IsDefault }, { @($_.Parameters | Where-Object IsMandatory).Count }, Name
    foreach ($set in @($sets)) {
        $Writer.WriteStartElement('command', 'syntaxItem', $MamlNamespaces.command)
        $Writer.WriteElementString('maml', 'name', $MamlNamespaces.maml, $Command.Name)
        $inSet = @($set.Parameters | Where-Object { $_.Name -notin $common } | Where-Object {
            $parameterAttributes = $_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] }
            -not ($parameterAttributes | Where-Object { $_.ParameterSetName -eq $set.Name -and $_.DontShow })
        })
        $ordered = @($inSet | Where-Object { $_.Position -ge 0 } | Sort-Object Position) +
            @($inSet | Where-Object { $_.Position -lt 0 -and $_.IsMandatory }) + @($inSet | Where-Object { $_.Position -lt 0 -and -not $_.IsMandatory })
        foreach ($parameter in $ordered) {
            $metadata = $Command.Parameters[$parameter.Name]
            # Sets that hold every parameter are keyed __AllParameterSets in the metadata, by name in the syntax.
            $key = if ($metadata.ParameterSets.ContainsKey($set.Name)) { $set.Name } else { '__AllParameterSets' }
            Write-ParameterElement $Writer $metadata $Help.Parameters[$parameter.Name] $key
        }
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()
}

function Write-TypeList {
    # <command:inputTypes>/<command:returnValues>: a type name and its description each.
    param([System.Xml.XmlWriter] $Writer, [string] $ListElement, [string] $ItemElement, $Entries)
    $Writer.WriteStartElement('command', $ListElement, $MamlNamespaces.command)
    foreach ($entry in $Entries) {
        $Writer.WriteStartElement('command', $ItemElement, $MamlNamespaces.command)
        $Writer.WriteStartElement('dev', 'type', $MamlNamespaces.dev)
        $Writer.WriteElementString('maml', 'name', $MamlNamespaces.maml, $entry.Type)
        $Writer.WriteEndElement()
        Write-Paragraph $Writer $entry.Paragraphs
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()
}

function Write-CommandHelp {
    # One <command:command>, in the order Get-Help and platyPS use.
    param([System.Xml.XmlWriter] $Writer, [System.Management.Automation.CommandInfo] $Command, $Help)
    $Writer.WriteStartElement('command', 'command', $MamlNamespaces.command)
    foreach ($prefix in $MamlNamespaces.Keys) {
        $Writer.WriteAttributeString('xmlns', $prefix, 'http://www.w3.org/2000/xmlns/', $MamlNamespaces[$prefix])
    }
    $Writer.WriteStartElement('command', 'details', $MamlNamespaces.command)
    $Writer.WriteElementString('command', 'name', $MamlNamespaces.command, $Command.Name)
    $Writer.WriteElementString('command', 'verb', $MamlNamespaces.command, $Command.Verb)
    $Writer.WriteElementString('command', 'noun', $MamlNamespaces.command, $Command.Noun)
    Write-Paragraph $Writer $Help.Synopsis
    $Writer.WriteEndElement()
    Write-Paragraph $Writer $Help.Description

    Write-Syntax $Writer $Command $Help
    $Writer.WriteStartElement('command', 'parameters', $MamlNamespaces.command)
    foreach ($name in $Help.Parameters.Keys) {
        # The docs' order: the author puts the important parameters first.
        Write-ParameterElement $Writer $Command.Parameters[$name] $Help.Parameters[$name] $null
    }
    $Writer.WriteEndElement()
    Write-TypeList $Writer 'inputTypes' 'inputType' $Help.Inputs
    Write-TypeList $Writer 'returnValues' 'returnValue' $Help.Outputs

    if (@($Help.Notes).Count) {
        $Writer.WriteStartElement('maml', 'alertSet', $MamlNamespaces.maml)
        Write-Paragraph $Writer $Help.Notes -Element 'alert'
        $Writer.WriteEndElement()
    }

    $Writer.WriteStartElement('command', 'examples', $MamlNamespaces.command)
    foreach ($example in $Help.Examples) {
        $Writer.WriteStartElement('command', 'example', $MamlNamespaces.command)
        $Writer.WriteElementString('maml', 'title', $MamlNamespaces.maml, "---------- $($example.Title) ----------")
        $Writer.WriteElementString('dev', 'code', $MamlNamespaces.dev, $example.Code)
        # The empty last paragraph keeps a blank line between one example's remarks and the next title.
        Write-Paragraph $Writer (@($example.Remarks) + '') -Prefix 'dev' -Element 'remarks'
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()

    $Writer.WriteStartElement('command', 'relatedLinks', $MamlNamespaces.command)
    foreach ($link in $Help.Links) {
        $Writer.WriteStartElement('maml', 'navigationLink', $MamlNamespaces.maml)
        $Writer.WriteElementString('maml', 'linkText', $MamlNamespaces.maml, $link.Text)
        $Writer.WriteElementString('maml', 'uri', $MamlNamespaces.maml, $link.Uri)
        $Writer.WriteEndElement()
    }
    $Writer.WriteEndElement()
    $Writer.WriteEndElement()
}

function Write-MamlFile {
    # The whole <helpItems> file, UTF-8 without BOM; the XmlWriter does the escaping.
    param([string] $Path, $Entries)
    $settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) }
    $writer = [System.Xml.XmlWriter]::Create($Path, $settings)
    try {
        $writer.WriteStartDocument()
        $writer.WriteStartElement('helpItems', 'http://msh')
        $writer.WriteAttributeString('schema', 'maml')
        foreach ($entry in $Entries) { Write-CommandHelp $writer $entry.Command $entry.Help }
        $writer.WriteEndElement()
        $writer.WriteEndDocument()
    } finally {
        $writer.Dispose()
    }
}

#endregion

# Import the built module here: its metadata, not the C# source, is what Get-Help will describe. -Force so that a
# copy of the module loaded from elsewhere does not answer instead.
$module = Import-Module (Resolve-Path -LiteralPath $ModuleManifest).Path -Force -PassThru
$cmdlets = @($module.ExportedCmdlets.Values | Sort-Object Name)
if (-not $cmdlets) { throw "$ModuleManifest exports no cmdlets." }

$helpFolder = Join-Path $DocsPath 'help'
$docs = @{}
foreach ($file in Get-ChildItem -LiteralPath $helpFolder -Filter '*.md' -File) {
    $docs[$file.BaseName] = Read-CommandHelp $file.FullName
}

$problems = [System.Collections.Generic.List[string]]::new()
$entries = foreach ($cmdlet in $cmdlets) {
    if (-not $docs.ContainsKey($cmdlet.Name)) {
        $problems.Add("$($cmdlet.Name): no help; write $(Join-Path $helpFolder "$($cmdlet.Name).md").")
        continue
    }
    foreach ($problem in Test-CommandHelp $cmdlet $docs[$cmdlet.Name]) { $problems.Add($problem) }
    [pscustomobject]@{ Command = $cmdlet; Help = $docs[$cmdlet.Name] }
}
foreach ($name in $docs.Keys | Where-Object { $_ -notin $cmdlets.Name }) {
    $problems.Add("$name.md describes a cmdlet that $($module.Name) does not export.")
}
if ($problems.Count) { throw "The help does not match the module:`n  " + ($problems -join "`n  ") }

# Compiled cmdlets look for <their assembly's file name>-Help.xml; all of this module's cmdlets share one assembly.
$helpFiles = @($cmdlets | ForEach-Object HelpFile | Sort-Object -Unique)
if ($helpFiles.Count -ne 1) { throw "Expected the cmdlets to share one help file, found: $($helpFiles -join ', ')." }
$culture = Join-Path $OutputPath 'en-US'
$null = New-Item $culture -ItemType Directory -Force
$mamlPath = Join-Path $culture $helpFiles[0]
Write-MamlFile $mamlPath $entries

# Read it back: a file that does not parse, or lost a command, must fail the build, not Get-Help later.
$written = [xml](Get-Content -LiteralPath $mamlPath -Raw -Encoding utf8)
if (@($written.helpItems.command).Count -ne $cmdlets.Count) { throw "$mamlPath holds $(@($written.helpItems.command).Count) commands, expected $($cmdlets.Count)." }

$abouts = @(Get-ChildItem -LiteralPath $DocsPath -Filter 'about_*.help.txt' -File)
if ($abouts.Name -notcontains "about_$($module.Name).help.txt") { throw "No about_$($module.Name).help.txt in $DocsPath." }
$abouts | Copy-Item -Destination $culture -Force

Write-Host "Help for $($cmdlets.Count) cmdlets in $mamlPath; $($abouts.Count) about topic(s) copied."
