# Get-Help as a user meets it: every exported cmdlet has real help (not the syntax-only text PowerShell makes up
# when there is none), every parameter is explained, and about_PortOne is found.
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
}

Describe 'about_PortOne' {
    It 'ships in en-US beside the MAML help' {
        Join-Path $module.ModuleBase 'en-US/about_PortOne.help.txt' | Should -Exist
        Join-Path $module.ModuleBase 'en-US/PortOne.dll-Help.xml' | Should -Exist
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

    It 'the README lists every error id and no other' {
        $readme = Get-Content (Join-Path $PSScriptRoot '../../README.md') -Raw
        $list = [regex]::Match($readme, '(?ms)^- Errors have stable ids.*?(?=^\S|^- |\z)').Value
        $list | Should -Not -BeNullOrEmpty -Because 'the README has a list of error ids'
        $listed = @([regex]::Matches($list, 'PortOne\.\w+').Value | Sort-Object -Unique)
        $listed | Should -Be $ids
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
