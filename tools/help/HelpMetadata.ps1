# What a compiled cmdlet says about itself, in platyPS's words (a set's syntax, a parameter's metadata block), and
# every difference between that and docs/help/<Cmdlet>.md. Dot-sourced by tools/New-MamlHelp.ps1, whose MAML uses the
# same facts. A problem names the cmdlet, the file and the parameter, and gives the text the docs should hold.

$script:NoPosition = [int]::MinValue

function Get-DocumentedParameter {
    # The parameters that need words: all but the common ones (-Verbose, -ErrorAction, ...), which Get-Help explains
    # itself. Paging (-First, -Skip, -IncludeTotalCount) and -WhatIf/-Confirm are the cmdlet's own and need docs.
    param([System.Management.Automation.CommandInfo] $Command)
    $common = [System.Management.Automation.Cmdlet]::CommonParameters
    @($Command.Parameters.Values | Where-Object { $_.Name -notin $common })
}

function Get-TypeDisplayName {
    # Short names as Get-Help and platyPS show them (DateTime, String[]); Nullable<T> shows as T.
    param([type] $Type)
    $underlying = [Nullable]::GetUnderlyingType($Type)
    if ($underlying) { $Type = $underlying }
    $Type.Name
}

function Get-AcceptedValue {
    # The values of a [ValidateSet] or an enum: the {A | B} list in the syntax, 'Accepted values' in the docs.
    param($ParameterType, $Attributes)
    $set = $Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | Select-Object -First 1
    if ($set) { return , @($set.ValidValues) }
    $type = [Nullable]::GetUnderlyingType($ParameterType)
    if (-not $type) { $type = $ParameterType }
    if ($type.IsEnum) { return , [Enum]::GetNames($type) }
    , @()
}

function Get-PipelineInput {
    # 'True (ByPropertyName, ByValue)' as platyPS writes it, across the given sets.
    param($SetMetadata)
    $kinds = @()
    if ($SetMetadata | Where-Object ValueFromPipelineByPropertyName) { $kinds += 'ByPropertyName' }
    if ($SetMetadata | Where-Object ValueFromPipeline) { $kinds += 'ByValue' }
    if ($kinds) { "True ($($kinds -join ', '))" } else { 'False' }
}

function Test-HiddenInSet {
    # A parameter marked DontShow in a set is left out of that set's syntax and docs: it is there only so that the
    # cmdlet can explain a combination that does not fit (such as -To with -Checkpoint) better than PowerShell would.
    param([System.Management.Automation.ParameterMetadata] $Metadata, [string] $SetName)
    [bool]($Metadata.Attributes | Where-Object {
        $_ -is [System.Management.Automation.ParameterAttribute] -and $_.ParameterSetName -eq $SetName -and $_.DontShow })
}

function Get-OrderedParameterSet {
    # The default set first, then by how many parameters a set requires (simpler forms first), then by name.
    param([System.Management.Automation.CommandInfo] $Command)
    @($Command.ParameterSets | Sort-Object { -not $_.IsDefault }, { @($_.Parameters | Where-Object IsMandatory).Count }, Name)
}

function Get-SyntaxParameter {
    # A set's parameters as its syntax lists them: positional first, by position, then the mandatory ones, then the
    # rest as declared; common and hidden ones left out.
    param([System.Management.Automation.CommandInfo] $Command, [System.Management.Automation.CommandParameterSetInfo] $Set)
    $common = [System.Management.Automation.Cmdlet]::CommonParameters
    $inSet = @($Set.Parameters | Where-Object { $_.Name -notin $common -and -not (Test-HiddenInSet $Command.Parameters[$_.Name] $Set.Name) })
    @($inSet | Where-Object { $_.Position -ge 0 } | Sort-Object Position) +
        @($inSet | Where-Object { $_.Position -lt 0 -and $_.IsMandatory }) + @($inSet | Where-Object { $_.Position -lt 0 -and -not $_.IsMandatory })
}

function Get-SyntaxText {
    # One set's syntax in platyPS's form: Cmd [-Path] <String> [[-Status] <PaymentStatus>] -Name <String> [-Switch].
    param([System.Management.Automation.CommandInfo] $Command, [System.Management.Automation.CommandParameterSetInfo] $Set)
    $parts = foreach ($parameter in Get-SyntaxParameter $Command $Set) {
        $name = if ($parameter.Position -ge 0) { "[-$($parameter.Name)]" } else { "-$($parameter.Name)" }
        $text = if ($parameter.ParameterType -eq [System.Management.Automation.SwitchParameter]) { $name }
                else { "$name <$(Get-TypeDisplayName $parameter.ParameterType)>" }
        if ($parameter.IsMandatory) { $text } else { "[$text]" }
    }
    (@($Command.Name) + @($parts) + '[<CommonParameters>]') -join ' '
}

function Format-Wrapped {
    # Breaks a syntax line between parameters so that no line passes $Width; later lines are indented.
    param([string] $Text, [int] $Width = 120)
    $lines = [System.Collections.Generic.List[string]]::new()
    $line = ''
    foreach ($word in [regex]::Split($Text, ' (?=\[|-\w)')) {
        if ($line -and ($line.Length + 1 + $word.Length) -gt $Width) { $lines.Add($line); $line = ' ' + $word }
        else { $line = if ($line) { "$line $word" } else { $word } }
    }
    $lines.Add($line)
    $lines -join "`n"
}

function Get-ExpectedMetadata {
    # A parameter's metadata blocks as platyPS writes them: one per distinct (required, position, pipeline input)
    # across the sets that show it. Default value is the docs' own: the cmdlet cannot say it.
    param([System.Management.Automation.CommandInfo] $Command, [System.Management.Automation.ParameterMetadata] $Metadata)
    $visible = @($Metadata.ParameterSets.GetEnumerator() | Where-Object { -not (Test-HiddenInSet $Metadata $_.Key) })
    $groups = $visible | Group-Object { '{0}|{1}|{2}' -f $_.Value.IsMandatory, $_.Value.Position, (Get-PipelineInput $_.Value) }
    $values = Get-AcceptedValue $Metadata.ParameterType $Metadata.Attributes
    $wildcards = [bool]($Metadata.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
    $setOrder = @(Get-OrderedParameterSet $Command).Name
    foreach ($group in $groups | Sort-Object { $setOrder.IndexOf($_.Group[0].Key) }) {
        $first = $group.Group[0].Value
        $setNames = @($group.Group.Key | Sort-Object { $setOrder.IndexOf($_) })
        $block = [ordered]@{
            'Type'           = Get-TypeDisplayName $Metadata.ParameterType
            'Parameter Sets' = if ($setNames -contains '__AllParameterSets') { '(All)' } else { $setNames -join ', ' }
            'Aliases'        = $Metadata.Aliases -join ', '
        }
        if ($values.Count) { $block['Accepted values'] = $values -join ', ' }
        $block['Required'] = "$($first.IsMandatory)"
        $block['Position'] = if ($first.Position -eq $script:NoPosition) { 'Named' } else { "$($first.Position)" }
        $block['Accept pipeline input'] = Get-PipelineInput $first
        $block['Accept wildcard characters'] = "$wildcards"
        $block
    }
}

function Format-MetadataBlock {
    # A metadata block as the docs should hold it, wrapped at 120 characters, for a problem's message.
    param($Block, [string] $Default = '<the default, or None>')
    $lines = foreach ($key in $Block.Keys) {
        if ($key -eq 'Required') { '' }
        # Long values (Accepted values) go on in lines indented by two spaces, which YAML folds back into one.
        $line = "${key}:"
        foreach ($word in "$($Block[$key])" -split ' ') {
            if (($line.Length + 1 + $word.Length) -gt 120) { $line; $line = "  $word" } else { $line += " $word" }
        }
        $line
        if ($key -eq 'Position') { "Default value: $Default" }
    }
    (@('```yaml') + @($lines | ForEach-Object TrimEnd) + '```') -join "`n"
}

function Test-ParameterHelp {
    # The differences between one parameter's docs and the cmdlet.
    param([System.Management.Automation.CommandInfo] $Command, [System.Management.Automation.ParameterMetadata] $Metadata, $Doc, [string] $File)
    $where = "$($Command.Name): -$($Metadata.Name) in $File"
    $expected = @(Get-ExpectedMetadata $Command $Metadata)
    $blocks = ($expected | ForEach-Object { Format-MetadataBlock $_ }) -join "`n"
    if (-not $Doc) { return "$($Command.Name): parameter -$($Metadata.Name) is not described in $File; add under PARAMETERS:`n### -$($Metadata.Name)`n<what it does>`n`n$blocks" }
    if (@($Doc.Paragraphs).Count -eq 0) { "$where has no description." }
    if (@($Doc.Metadata).Count -ne $expected.Count) {
        return "$where has $(@($Doc.Metadata).Count) metadata block(s); the cmdlet needs $($expected.Count):`n$blocks"
    }
    for ($i = 0; $i -lt $expected.Count; $i++) {
        $block = $Doc.Metadata[$i]
        foreach ($key in $expected[$i].Keys) {
            $actual = if ($block.Contains($key)) { $block[$key] } else { $null }
            if ($actual -cne $expected[$i][$key]) { "$where says '${key}: $actual'; the cmdlet says '${key}: $($expected[$i][$key])'." }
        }
        foreach ($key in $block.Keys | Where-Object { $_ -notin $expected[$i].Keys -and $_ -ne 'Default value' }) {
            "$where says '${key}: $($block[$key])'; the cmdlet has no $key."
        }
        if (-not $block['Default value']) { "$where has no 'Default value' (write None where there is none)." }
    }
}

function Test-CommandHelp {
    # Every difference between the docs and the cmdlet, one message each.
    param([System.Management.Automation.CommandInfo] $Command, $Help)
    $file = $Help.File
    if ($Help.Name -ne $Command.Name) { "$($Command.Name): $file is titled '# $($Help.Name)'." }
    $front = @{ 'schema' = '2.0.0'; 'external help file' = $Command.HelpFile; 'Module Name' = $Command.ModuleName }
    foreach ($key in $front.Keys) {
        if ($Help.FrontMatter[$key] -ne $front[$key]) { "$($Command.Name): $file's front matter says '${key}: $($Help.FrontMatter[$key])'; expected '${key}: $($front[$key])'." }
    }

    $sets = @(Get-OrderedParameterSet $Command)
    $documentedSets = @($Help.Syntax | ForEach-Object { $_.Name + $(if ($_.IsDefault) { ' (Default)' }) })
    $actualSets = @($sets | ForEach-Object { $_.Name + $(if ($_.IsDefault) { ' (Default)' }) })
    if (($documentedSets -join '|') -ne ($actualSets -join '|')) {
        "$($Command.Name): $file's SYNTAX has '### $($documentedSets -join "', '### ")'; the cmdlet's sets are '### $($actualSets -join "', '### ")'."
    } else {
        for ($i = 0; $i -lt $sets.Count; $i++) {
            $text = Get-SyntaxText $Command $sets[$i]
            if ($Help.Syntax[$i].Text -cne $text) { "$($Command.Name): $file's SYNTAX of $($sets[$i].Name) should read:`n``````n$(Format-Wrapped $text)`n``````" }
        }
    }

    $parameters = @(Get-DocumentedParameter $Command)
    foreach ($parameter in $parameters) { Test-ParameterHelp $Command $parameter $Help.Parameters[$parameter.Name] $file }
    foreach ($name in $Help.Parameters.Keys) {
        if ($name -notin $parameters.Name) { "$($Command.Name): $file describes parameter -$name, which the cmdlet does not have." }
    }
    if (-not $Help.CommonParameters) { "$($Command.Name): $file has no '### CommonParameters' at the end of PARAMETERS." }
}
