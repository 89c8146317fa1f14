using static LambdaAnalyzers.Generators.Events.Catalog.TypeBuilder;

namespace LambdaAnalyzers.Generators.Events.Catalog;

/// <summary>
/// Cognito user pool triggers: https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-working-with-lambda-triggers.html
/// and the page of each trigger. Every trigger event is the common envelope with its own request and response.
/// </summary>
internal static class CognitoCatalog
{
    private const string Trigger = "CognitoTriggerEvent";

    public static CatalogGroup Cognito { get; } = new(
        "Cognito",
        EventSources.Cognito,
        "Cognito user pool triggers: pre sign-up, post confirmation, pre token generation, custom message.",
        Abstract(Trigger, "What every Cognito user pool trigger event has; the function returns the event with <see cref=\"Response\"/> filled in.")
            .Generic("TRequest", constraint: "CognitoTriggerRequest")
            .Generic("TResponse", constraint: "CognitoTriggerResponse")
            .Required("Version", "version", W.String, "The version of the event format.")
            .Required("Region", "region", W.String, "The user pool's region.")
            .Required("UserPoolId", "userPoolId", W.String, "The user pool's ID.")
            .Required("UserName", "userName", W.String, "The user's name.")
            .Required("CallerContext", "callerContext", W.Obj("CognitoTriggerCallerContext"), "The caller's SDK and app client.")
            .Required("TriggerSource", "triggerSource", W.String, "What fired the trigger, such as <c>PreSignUp_SignUp</c>.")
            .Required("Request", "request", W.Param("TRequest"), "The trigger's input.")
            .Required("Response", "response", W.Param("TResponse"), "What the function returns to Cognito."),
        Class("CognitoTriggerCallerContext", "The caller of a trigger.")
            .Optional("AwsSdkVersion", "awsSdkVersion", W.String, "The caller's AWS SDK version.")
            .Optional("ClientId", "clientId", W.String, "The user pool app client."),
        Abstract("CognitoTriggerRequest", "What every trigger request has.")
            .Required("UserAttributes", "userAttributes", W.StringDictionary, "The user's attributes by name."),
        Abstract("CognitoTriggerResponse", "The base of every trigger response."),
        Class("CognitoPreSignupEvent", "Pre sign-up: before Cognito signs a user up, the function may reject, confirm or verify.")
            .Derives(Trigger, W.Obj("CognitoPreSignupRequest"), W.Obj("CognitoPreSignupResponse")),
        Class("CognitoPreSignupRequest", "The input of a pre sign-up trigger.")
            .Derives("CognitoTriggerRequest")
            .Optional("ValidationData", "validationData", W.StringDictionary, "Validation data the client sent with the sign-up.")
            .Optional("ClientMetadata", "clientMetadata", W.StringDictionary, "Client metadata from the API call."),
        Class("CognitoPreSignupResponse", "What a pre sign-up trigger decides.")
            .Derives("CognitoTriggerResponse")
            .Required("AutoConfirmUser", "autoConfirmUser", W.Bool, "Confirms the user without a code.")
            .Required("AutoVerifyPhone", "autoVerifyPhone", W.Bool, "Marks the phone number verified.")
            .Required("AutoVerifyEmail", "autoVerifyEmail", W.Bool, "Marks the email address verified."),
        Class("CognitoPostConfirmationEvent", "Post confirmation: after a user is confirmed.")
            .Derives(Trigger, W.Obj("CognitoPostConfirmationRequest"), W.Obj("CognitoPostConfirmationResponse")),
        Class("CognitoPostConfirmationRequest", "The input of a post confirmation trigger.")
            .Derives("CognitoTriggerRequest")
            .Optional("ClientMetadata", "clientMetadata", W.StringDictionary, "Client metadata from the API call."),
        Class("CognitoPostConfirmationResponse", "A post confirmation trigger returns nothing of its own.")
            .Derives("CognitoTriggerResponse"),
        Class("CognitoPreTokenGenerationEvent", "Pre token generation (version 1): before Cognito issues tokens, the function may add, change or suppress ID token claims and groups.")
            .Derives(Trigger, W.Obj("CognitoPreTokenGenerationRequest"), W.Obj("CognitoPreTokenGenerationResponse")),
        Class("CognitoPreTokenGenerationRequest", "The input of a pre token generation trigger.")
            .Derives("CognitoTriggerRequest")
            .Required("GroupConfiguration", "groupConfiguration", W.Obj("GroupConfiguration"), "The user's groups and roles.")
            .Optional("ClientMetadata", "clientMetadata", W.StringDictionary, "Client metadata from the API call."),
        Class("CognitoPreTokenGenerationResponse", "The claim changes of a pre token generation trigger.")
            .Derives("CognitoTriggerResponse")
            .Optional("ClaimsOverrideDetails", "claimsOverrideDetails", W.Obj("ClaimOverrideDetails"), "Claims to add, change or suppress; null leaves the token as it is."),
        Class("GroupConfiguration", "Groups and IAM roles of a user.")
            .Required("GroupsToOverride", "groupsToOverride", W.StringList, "The groups.")
            .Required("IamRolesToOverride", "iamRolesToOverride", W.StringList, "The IAM roles of the groups.")
            .Optional("PreferredRole", "preferredRole", W.String, "The preferred IAM role."),
        Class("ClaimOverrideDetails", "Changes to the ID token's claims.")
            .Optional("ClaimsToAddOrOverride", "claimsToAddOrOverride", W.StringDictionary, "Claims to add or change.")
            .Optional("ClaimsToSuppress", "claimsToSuppress", W.StringList, "Claims to leave out.")
            .Optional("GroupOverrideDetails", "groupOverrideDetails", W.Obj("GroupConfiguration"), "Groups and roles to put in the token instead."),
        Class("CognitoCustomMessageEvent", "Custom message: the function writes the email or SMS message Cognito sends (verification codes, invitations, ...).")
            .Derives(Trigger, W.Obj("CognitoCustomMessageRequest"), W.Obj("CognitoCustomMessageResponse")),
        Class("CognitoCustomMessageRequest", "The input of a custom message trigger.")
            .Derives("CognitoTriggerRequest")
            .Optional("CodeParameter", "codeParameter", W.String, "The placeholder the message must contain for the code, <c>{####}</c>.")
            .Optional("LinkParameter", "linkParameter", W.String, "The placeholder for a verification link, when links are used.")
            .Optional("UsernameParameter", "usernameParameter", W.String, "The placeholder for the user name (invitations).")
            .Optional("ClientMetadata", "clientMetadata", W.StringDictionary, "Client metadata from the API call."),
        Class("CognitoCustomMessageResponse", "The message to send; null members keep Cognito's default.")
            .Derives("CognitoTriggerResponse")
            .Optional("SmsMessage", "smsMessage", W.String, "The SMS text.")
            .Optional("EmailMessage", "emailMessage", W.String, "The email body.")
            .Optional("EmailSubject", "emailSubject", W.String, "The email subject."));
}
