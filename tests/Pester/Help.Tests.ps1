# Get-Help as a user meets it: every exported cmdlet has real help (not the syntax-only text PowerShell makes up
# when there is none), every parameter is explained as the cmdlet defines it, and about_PortOne is found. Also the
# README's promises about itself (its install and try-it lines work as written), and the build's check of docs/help
# against the cmdlets, shown failing on docs broken on purpose.
BeforeDiscovery {
    # The cmdlets to test come from the built module itself, so a new cmdlet without help fails here.
    $module = Import-Module $env:PORTONE_TEST_MODULE -Force -PassThru
    $cmdlets = @($module.ExportedCmdlets.Keys | Sort-Object | ForEach-Object { @{ Name = $_ } })
}

BeforeAll {
    $module = Import-Module $env:PORTONE_TEST_MODULE -Force -PassThru
    $common = [System.Management.Automation.Cmdlet]::CommonParameters

    function script:Get-HelpText {
        # The text of a MAML description (a list of paragraphs), as one string.
        param($Description)
        (@($Description) | ForEach-Object { $_.Text }) -join "`n"
    }
}

Describe 'Get-Help <Name>' -ForEach $cmdlets {
    BeforeAll {
        $command = Get-Command $Name -Module PortOne
        $help = Get-Help $Name -Full
    }

    It 'has a synopsis of its own, not the generated syntax' {
        # Without a help file, PowerShell's synopsis is the syntax line, which starts with the command's name.
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis.Trim() | Should -Not -BeLike "$Name*"
    }

    It 'has a description' {
        Get-HelpText $help.description | Should -Match '\w{3,}'
    }

    It 'has at least three examples, each with code and remarks' {
        $examples = @($help.examples.example)
        $examples.Count | Should -BeGreaterOrEqual 3
        foreach ($example in $examples) {
            $example.code | Should -Not -BeNullOrEmpty -Because "$($example.title) needs code"
            Get-HelpText $example.remarks | Should -Match '\w{3,}' -Because "$($example.title) needs remarks"
        }
    }

    It 'names its inputs and outputs, and says what they are' {
        # PowerShell makes up type names from the cmdlet's metadata when help is missing, but never the words.
        foreach ($section in @{ Name = 'INPUTS'; Entries = @($help.inputTypes.inputType) }, @{ Name = 'OUTPUTS'; Entries = @($help.returnValues.returnValue) }) {
            @($section.Entries | Where-Object { $_ }).Count | Should -BeGreaterThan 0 -Because "$Name needs $($section.Name)"
            foreach ($entry in $section.Entries) {
                $entry.type.name | Should -Not -BeNullOrEmpty -Because "every entry of $($section.Name) names a type"
                Get-HelpText $entry.description | Should -Match '\w{3,}' -Because "$($section.Name) $($entry.type.name) needs a description"
            }
        }
    }

    It 'describes every parameter' {
        # Get-Help lists parameters even when the help file lacks them, but with no description: that is the failure.
        $parameters = @($command.Parameters.Keys | Where-Object { $_ -notin $common })
        $undescribed = foreach ($parameter in $parameters) {
            $entry = $help.parameters.parameter | Where-Object name -EQ $parameter
            if (-not $entry -or -not (Get-HelpText $entry.description).Trim()) { "-$parameter" }
        }
        $undescribed | Should -BeNullOrEmpty -Because "every parameter of $Name needs help text"
    }

    It 'describes no parameter the cmdlet lacks' {
        $documented = @($help.parameters.parameter | ForEach-Object name | Where-Object { $_ })
        $documented | Where-Object { $_ -notin $command.Parameters.Keys } | Should -BeNullOrEmpty
    }

    It 'says what the cmdlet says of each parameter: type, required, position, pipeline input, aliases' {
        # What Get-Help shows comes from the MAML the build wrote; the truth is the compiled cmdlet's own metadata.
        foreach ($parameter in $command.Parameters.Values | Where-Object Name -NotIn $common) {
            $entry = Get-Help $Name -Parameter $parameter.Name
            $sets = @($parameter.ParameterSets.Values)
            $type = [Nullable]::GetUnderlyingType($parameter.ParameterType) ?? $parameter.ParameterType
            $positions = @($sets | Where-Object Position -GE 0 | ForEach-Object Position)
            $pipeline = @(if ($sets | Where-Object ValueFromPipelineByPropertyName) { 'ByPropertyName' }
                          if ($sets | Where-Object ValueFromPipeline) { 'ByValue' })
            $because = "Get-Help $Name -Parameter $($parameter.Name)"
            $entry.type.name | Should -Be $type.Name -Because $because
            $entry.required | Should -Be "$(-not ($sets | Where-Object { -not $_.IsMandatory }))".ToLowerInvariant() -Because $because
            $entry.position | Should -Be $(if ($positions.Count) { "$($positions[0])" } else { 'named' }) -Because $because
            $entry.pipelineInput | Should -Be $(if ($pipeline) { "True ($($pipeline -join ', '))" } else { 'False' }) -Because $because
            $entry.aliases | Should -Be $(if ($parameter.Aliases.Count) { $parameter.Aliases -join ', ' } else { 'none' }) -Because $because
        }
    }
}

Describe 'about_PortOne' {
    It 'ships in en-US beside the MAML help' {
        Join-Path $module.ModuleBase 'en-US/about_PortOne.help.txt' | Should -Exist
        Join-Path $module.ModuleBase 'en-US/PortOne.dll-Help.xml' | Should -Exist
    }

    It 'stays under 12 KB: contracts, errors and recipes; how it works is in docs/ARCHITECTURE.md' {
        (Get-Item (Join-Path $module.ModuleBase 'en-US/about_PortOne.help.txt')).Length | Should -BeLessThan 12KB
    }

    It 'is found by Get-Help' {
        $topic = Get-Help about_PortOne | Out-String
        $topic | Should -Match 'about_PortOne'
        $topic | Should -Match 'PORTONE_IMP_KEY'
        $topic | Should -Match 'PortOne\.RetriesExhausted'
    }
}

Describe 'Error ids in the documentation' {
    BeforeAll {
        # Every id the module raises is a PortOneErrorKind value (ToErrorId is the one mapping).
        $script:ids = @([Enum]::GetValues([PortOne.PortOneErrorKind]) | ForEach-Object { [PortOne.PortOneErrorKindExtensions]::ToErrorId($_) } | Sort-Object)
    }

    It 'the README names only ids that exist, and points to about_PortOne for all of them' {
        # The README's table is short on purpose (the errors met most); about_PortOne holds the full list (next test).
        $readme = Get-Content (Join-Path $PSScriptRoot '../../README.md') -Raw
        $section = [regex]::Match($readme, '(?ms)^## Errors\s*$(.*?)(?=^## |\z)').Groups[1].Value
        $section | Should -Not -BeNullOrEmpty -Because 'the README has an Errors section'
        $named = @([regex]::Matches($section, 'PortOne\.\w+').Value | Sort-Object -Unique)
        $named.Count | Should -BeGreaterOrEqual 5
        $named | Where-Object { $_ -notin $ids } | Should -BeNullOrEmpty -Because 'every id the README names is one the module raises'
        $section | Should -Match 'Get-Help about_PortOne'
    }

    It 'about_PortOne lists every error id and no other' {
        $about = Get-Content (Join-Path $module.ModuleBase 'en-US/about_PortOne.help.txt')
        $listed = @($about | Where-Object { $_ -match '^\s{8}(PortOne\.\w+)\s{2,}\S' } | ForEach-Object { $Matches[1] } | Sort-Object -Unique)
        $listed | Should -Be $ids
    }
}

Describe 'Connect-PortOne help' {
    It 'gives the client options'' own defaults for -<Name>' -ForEach @(
        @{ Name = 'ApiBaseUri'; Default = { $options.BaseUri.AbsoluteUri } }
        @{ Name = 'MaxRetries'; Default = { "$($options.MaxRetries)" } }
        @{ Name = 'TimeoutSec'; Default = { "$($options.RequestTimeout.TotalSeconds)" } }
    ) {
        $options = [PortOne.PortOneClientOptions]::new([System.Net.NetworkCredential]::new('k', 's'))
        (Get-Help Connect-PortOne -Parameter $Name).defaultValue | Should -Be (& $Default)
    }
}

Describe 'The README' {
    BeforeAll {
        $script:root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
        $script:readme = Get-Content (Join-Path $root 'README.md') -Raw
    }

    It 'stays short: at most 140 lines' {
        @(Get-Content (Join-Path $root 'README.md')).Count | Should -BeLessOrEqual 140
    }

    It 'imports the module from the folder the build lays out for this version' {
        $paths = @([regex]::Matches($readme, 'Import-Module (\./out/PortOne/[^/\s]+/PortOne\.psd1)') | ForEach-Object { $_.Groups[1].Value })
        $paths.Count | Should -BeGreaterOrEqual 2 -Because 'Install and Try it both import the built module'
        foreach ($path in $paths) { $path | Should -Be "./out/PortOne/$($module.Version)/PortOne.psd1" }
    }

    It 'starts the emulator and connects with the lines of "Try it without an account", as written' {
        # The block runs unchanged in a fresh pwsh at the repository's root, as a user would paste it after the build.
        $block = [regex]::Match($readme, '(?ms)^## Try it without an account.*?^```powershell\r?\n(.*?)^```').Groups[1].Value
        $block | Should -Match 'Start-PortOneEmulator'
        $script = Join-Path $TestDrive 'try-it.ps1'
        Set-Content $script @"
`$ErrorActionPreference = 'Stop'
$block
'connected=' + ((Get-PortOneConnection).ApiBaseUri -eq `$emu.BaseUri)
'paid=' + @(Get-PortOnePayment -Status Paid -First 5).Count
`$emu | Stop-PortOneEmulator
"@
        Push-Location $root
        try { $output = & ([Environment]::ProcessPath) (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -File $script 2>&1 }
        finally { Pop-Location }
        $LASTEXITCODE | Should -Be 0 -Because ($output -join "`n")
        $output | Should -Contain 'connected=True'
        $output | Should -Contain 'paid=5'
    }
}

Describe 'The build checks docs/help against the compiled cmdlets' {
    # tools/New-MamlHelp.ps1 on a copy of docs/ broken on purpose: each break must fail it with a message that names
    # the cmdlet, the parameter and the difference. The copy as it is must pass, so that the failures are the breaks'.
    BeforeAll {
        $script:generator = Join-Path $PSScriptRoot '../../tools/New-MamlHelp.ps1'

        function script:Invoke-Generator([string] $Docs) {
            $out = Join-Path $TestDrive ('maml-' + [guid]::NewGuid().ToString('N'))
            $output = & ([Environment]::ProcessPath) (Join-Path $PSHOME 'pwsh.dll') -NoProfile -NonInteractive -File $generator `
                -ModuleManifest $env:PORTONE_TEST_MODULE -DocsPath $Docs -OutputPath $out 2>&1
            # Plain text: an error's colours would be control characters in the test report.
            $text = (($output | ForEach-Object { "$_" }) -join "`n") -replace '\x1b\[[0-9;]*[A-Za-z]', ''
            [pscustomobject]@{ ExitCode = $LASTEXITCODE; Text = $text; Out = $out }
        }

        function script:Copy-Docs {
            $copy = Join-Path $TestDrive ('docs-' + [guid]::NewGuid().ToString('N'))
            Copy-Item (Join-Path $PSScriptRoot '../../docs') $copy -Recurse
            $copy
        }

        function script:Edit-Doc([string] $Docs, [string] $File, [string] $Pattern, [string] $Replacement) {
            # A regex edit of one file; a pattern that no longer matches would make the test check nothing, so it throws.
            $path = Join-Path $Docs $File
            $text = Get-Content $path -Raw
            if ($text -notmatch $Pattern) { throw "$File no longer holds /$Pattern/: update this test." }
            Set-Content $path ([regex]::new($Pattern).Replace($text, $Replacement, 1)) -NoNewline
        }

        $script:intact = Invoke-Generator (Copy-Docs)

        $broken = Copy-Docs
        $payment = 'help/Get-PortOnePayment.md'
        Edit-Doc $broken $payment '(?m)^### CommonParameters' ("### -Bogus`nNot a parameter of the cmdlet.`n`n" +
            "``````yaml`nType: String`nParameter Sets: ByStatus`nAliases:`n`nRequired: False`nPosition: Named`n" +
            "Default value: None`nAccept pipeline input: False`nAccept wildcard characters: False`n```````n`n### CommonParameters")
        Edit-Doc $broken $payment '(?ms)^### -Before\n.*?(?=^### -)' ''
        Edit-Doc $broken $payment '(?ms)(^### -Status\n.*?)Position: 0' '${1}Position: 1'
        Edit-Doc $broken $payment '(?ms)(^### -To\n.*?)Parameter Sets: ByStatus' '${1}Parameter Sets: ByStatus, Checkpoint'
        Edit-Doc $broken $payment '(?ms)(^### -MerchantUid\n.*?)Accept pipeline input: True \(ByPropertyName\)' '${1}Accept pipeline input: False'
        Edit-Doc $broken 'help/Export-PortOnePayment.md' '(?ms)(^### -From\n.*?)Type: DateTime' '${1}Type: String'
        Edit-Doc $broken 'help/Export-PortOnePayment.md' ' \[-AsUtc\]' ''
        Edit-Doc $broken 'help/Connect-PortOne.md' '(?ms)(^### -ImpKey\n.*?)Required: True' '${1}Required: False'
        Edit-Doc $broken 'about_PortOne.help.txt' '(?m)^KEYWORDS' ("    $('x' * 130)`n`nKEYWORDS")
        $script:failed = Invoke-Generator $broken

        $misplaced = Copy-Docs
        Edit-Doc $misplaced 'help/Disconnect-PortOne.md' '(?ms)^(## DESCRIPTION\n.*?)(## EXAMPLES\n.*?)(?=^## PARAMETERS)' '$2$1'
        $script:outOfOrder = Invoke-Generator $misplaced
    }

    It 'passes the docs as they are, and writes the MAML' {
        $intact.ExitCode | Should -Be 0 -Because $intact.Text
        Join-Path $intact.Out 'en-US/PortOne.dll-Help.xml' | Should -Exist
    }

    It 'fails the docs broken on purpose, and writes no MAML' {
        $failed.ExitCode | Should -Not -Be 0
        Join-Path $failed.Out 'en-US/PortOne.dll-Help.xml' | Should -Not -Exist
    }

    It 'names <Case>' -ForEach @(
        @{ Case = 'a parameter the cmdlet does not have'; Message = 'Get-PortOnePayment.md describes parameter -Bogus, which the cmdlet does not have' }
        @{ Case = 'a parameter without docs'; Message = 'Get-PortOnePayment: parameter -Before is not described in Get-PortOnePayment.md' }
        @{ Case = 'a wrong type'; Message = "-From in Export-PortOnePayment.md says 'Type: String'; the cmdlet says 'Type: DateTime'" }
        @{ Case = 'a wrong Required'; Message = "-ImpKey in Connect-PortOne.md says 'Required: False'; the cmdlet says 'Required: True'" }
        @{ Case = 'a wrong Position'; Message = "-Status in Get-PortOnePayment.md says 'Position: 1'; the cmdlet says 'Position: 0'" }
        @{ Case = 'wrong parameter sets'; Message = "-To in Get-PortOnePayment.md says 'Parameter Sets: ByStatus, Checkpoint'; the cmdlet says 'Parameter Sets: ByStatus'" }
        @{ Case = 'wrong pipeline input'; Message = "-MerchantUid in Get-PortOnePayment.md says 'Accept pipeline input: False'; the cmdlet says 'Accept pipeline input: True (ByPropertyName)'" }
        @{ Case = 'a SYNTAX block that is not the set''s'; Message = "Export-PortOnePayment.md's SYNTAX of ByStatus should read" }
        @{ Case = 'a line over 120 characters'; Message = '134 characters; docs/ keeps lines to 120.' }
    ) {
        $failed.Text | Should -Match ([regex]::Escape($Message))
    }

    It 'fails a file whose sections are not in platyPS''s order' {
        $outOfOrder.ExitCode | Should -Not -Be 0
        $outOfOrder.Text | Should -Match ([regex]::Escape("Disconnect-PortOne.md: the sections are 'SYNOPSIS', 'SYNTAX', 'EXAMPLES', 'DESCRIPTION'"))
    }
}
