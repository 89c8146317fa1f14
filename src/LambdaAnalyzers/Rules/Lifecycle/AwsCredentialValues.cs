using System;
using LambdaAnalyzers.Operations;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace LambdaAnalyzers.Rules.Lifecycle;

/// <summary>
/// What counts as a hard-coded AWS credential (LAM0211): the shapes of real access key ids and
/// secret keys, the SDK parameters that take them, and how a value is traced back to a literal.
/// Shared by the analyzer and its code fix so both agree on which arguments are credentials.
/// </summary>
internal static class AwsCredentialValues
{
    /// <summary>Prefixes of AWS access key ids (user, temporary, and other IAM unique-id kinds).</summary>
    private static readonly string[] AccessKeyIdPrefixes =
    {
        "AKIA", "ASIA", "ABIA", "ACCA", "AGPA", "AIDA", "AIPA", "ANPA", "ANVA", "APKA", "AROA", "ASCA",
    };

    /// <summary>
    /// Names the AWS SDK gives to credential parameters of credentials types and client
    /// constructors (<c>BasicAWSCredentials(accessKey, secretKey)</c>,
    /// <c>AmazonS3Client(awsAccessKeyId, awsSecretAccessKey, awsSessionToken, ...)</c>).
    /// </summary>
    private static readonly string[] CredentialParameterNames =
    {
        "accessKey", "awsAccessKeyId", "accessKeyId",
        "secretKey", "awsSecretAccessKey", "secretAccessKey",
        "token", "awsSessionToken", "sessionToken",
    };

    /// <summary>The environment variables the SDK's default chain reads credentials from.</summary>
    private static readonly string[] CredentialEnvironmentVariables =
    {
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
    };

    public static bool IsCredentialParameter(IParameterSymbol? parameter) =>
        parameter is { Type.SpecialType: SpecialType.System_String }
        && Array.IndexOf(CredentialParameterNames, parameter.Name) >= 0;

    public static bool IsCredentialEnvironmentVariable(string name) =>
        Array.IndexOf(CredentialEnvironmentVariables, name) >= 0;

    /// <summary>Twenty characters: a known prefix and sixteen upper-case letters or digits.</summary>
    public static bool LooksLikeAccessKeyId(string value)
    {
        if (value.Length != 20)
        {
            return false;
        }

        var prefixMatches = false;
        foreach (var prefix in AccessKeyIdPrefixes)
        {
            if (value.StartsWith(prefix, StringComparison.Ordinal))
            {
                prefixMatches = true;
                break;
            }
        }

        if (!prefixMatches)
        {
            return false;
        }

        for (var i = 4; i < value.Length; i++)
        {
            var c = value[i];
            if (!(c is >= 'A' and <= 'Z' || c is >= '0' and <= '9'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Forty base64 characters, with at least one lower-case letter and one digit or symbol.</summary>
    public static bool LooksLikeSecretAccessKey(string value)
    {
        if (value.Length != 40)
        {
            return false;
        }

        bool lower = false, upper = false, other = false;
        foreach (var c in value)
        {
            if (c is >= 'a' and <= 'z')
            {
                lower = true;
            }
            else if (c is >= 'A' and <= 'Z')
            {
                upper = true;
            }
            else if (c is >= '0' and <= '9' or '/' or '+')
            {
                other = true;
            }
            else
            {
                return false;
            }
        }

        return lower && upper && other;
    }

    /// <summary>A real-looking credential; placeholders such as <c>"fake"</c> for local emulators are not.</summary>
    public static bool LooksLikeCredential(string value) =>
        LooksLikeAccessKeyId(value) || LooksLikeSecretAccessKey(value);

    /// <summary>
    /// The string a value holds when it is written in source: a constant, or a local or field
    /// whose declaration initialises it with a constant.
    /// </summary>
    public static string? TryGetSourceString(IOperation value, System.Threading.CancellationToken cancellationToken)
    {
        value = value.WalkDownImplicitConversions();
        if (value.ConstantValue is { HasValue: true, Value: string constant })
        {
            return constant;
        }

        ISymbol? variable = value switch
        {
            ILocalReferenceOperation local => local.Local,
            IFieldReferenceOperation field => field.Field,
            _ => null,
        };
        if (variable is null)
        {
            return null;
        }

        foreach (var reference in variable.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax(cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: LiteralExpressionSyntax literal }
                && literal.Token.Value is string text)
            {
                return text;
            }
        }

        return null;
    }
}
