#!/usr/bin/env pwsh
# Keep the blank line below: Get-Help takes the first comment block, without a gap, as the script's help.

<#
.SYNOPSIS
    Writes the module's Get-Help files: en-US/<Assembly>-Help.xml (MAML) from docs/help/*.md, plus the about_ topics.
.DESCRIPTION
    docs/help/<Cmdlet>.md, in platyPS's markdown layout (schema 2.0.0: front matter, SYNOPSIS, SYNTAX, DESCRIPTION,
    EXAMPLES, PARAMETERS with a ```yaml metadata block each, INPUTS, OUTPUTS, NOTES, RELATED LINKS), is the one source
    of the words; the built module is the one source of the facts. platyPS itself is not available here (no PowerShell
    Gallery), so this script reads the layout (help/HelpMarkdown.ps1), checks it against the imported cmdlets
    (help/HelpMetadata.ps1) and writes the MAML. It fails, naming the cmdlet, the file and the parameter, and giving the
    text the docs should hold, when they disagree: a cmdlet or a parameter without docs, docs of a parameter or a
    cmdlet that does not exist, a SYNTAX block or a metadata block (type, sets, aliases, accepted values, required,
    position, pipeline input, wildcards) that is not the cmdlet's, or a section missing or out of order.
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

# The reader of platyPS's markdown, and the facts of the cmdlets with their comparison to the docs.
. (Join-Path $PSScriptRoot 'help/HelpMarkdown.ps1')
. (Join-Path $PSScriptRoot 'help/HelpMetadata.ps1')

#region Writing MAML

function Write-Paragraph {
    # <maml:description> (or another wrapper) holding one <maml:para> per paragraph.
    param([System.Xml.XmlWriter] $Writer, [string[]] $Paragraphs, [string] $Prefix = 'maml', [string] $Element = 'description')
    $Writer.WriteStartElement($Prefix, $Element, $MamlNamespaces[$Prefix])
    foreach ($text in $Paragraphs) { $Writer.WriteElementString('maml', 'para', $MamlNamespaces.maml, $text) }
    $Writer.WriteEndElement()
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
    # One <command:syntaxItem> per parameter set, in the order and with the parameters of the docs' SYNTAX, which
    # HelpMetadata.ps1 has checked against the cmdlet (Get-OrderedParameterSet, Get-SyntaxParameter).
    param([System.Xml.XmlWriter] $Writer, [System.Management.Automation.CommandInfo] $Command, $Help)
    $Writer.WriteStartElement('command', 'syntax', $MamlNamespaces.command)
    foreach ($set in Get-OrderedParameterSet $Command) {
        $Writer.WriteStartElement('command', 'syntaxItem', $MamlNamespaces.command)
        $Writer.WriteElementString('maml', 'name', $MamlNamespaces.maml, $Command.Name)
        foreach ($parameter in Get-SyntaxParameter $Command $set) {
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
$problems = [System.Collections.Generic.List[string]]::new()
$docs = @{}
foreach ($file in Get-ChildItem -LiteralPath $helpFolder -Filter '*.md' -File) {
    # A file that does not read (a section missing or out of order, a fence left open) is one problem among the others.
    try { $docs[$file.BaseName] = Read-CommandHelp $file.FullName }
    catch { $problems.Add($_.Exception.Message) }
}

# The docs' line limit: every file under docs/ reads in an editor and in a diff without scrolling.
foreach ($file in Get-ChildItem -LiteralPath $DocsPath -Recurse -File -Include '*.md', '*.txt') {
    $number = 0
    foreach ($line in Get-Content -LiteralPath $file.FullName -Encoding utf8) {
        $number++
        if ($line.Length -gt 120) { $problems.Add("$($file.Name):${number}: $($line.Length) characters; docs/ keeps lines to 120.") }
    }
}
$unread = @(Get-ChildItem -LiteralPath $helpFolder -Filter '*.md' -File | Where-Object { -not $docs.ContainsKey($_.BaseName) } | ForEach-Object BaseName)
$entries = foreach ($cmdlet in $cmdlets) {
    if ($cmdlet.Name -in $unread) { continue }
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
if ($problems.Count) {
    # One problem per paragraph on the host, where a long message is not folded into an error record's frame.
    Write-Host "The help does not match the module:`n`n$($problems -join "`n`n")`n" -ForegroundColor Red
    throw "The help in $DocsPath does not match $($module.Name): $($problems.Count) problem(s), listed above."
}

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
