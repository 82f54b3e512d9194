using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace PortOne.Arguments
{
    /// <summary>Tab completion for -Encoding: the names <see cref="EncodingTransformationAttribute"/> reads.</summary>
    public sealed class EncodingCompleter : IArgumentCompleter
    {
        /// <inheritdoc/>
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            foreach (string name in EncodingTransformationAttribute.Names)
            {
                if (name.StartsWith(wordToComplete ?? "", StringComparison.OrdinalIgnoreCase))
                {
                    yield return new CompletionResult(name, name, CompletionResultType.ParameterValue, name);
                }
            }
        }
    }
}
