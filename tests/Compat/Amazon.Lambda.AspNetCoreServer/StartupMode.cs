namespace Amazon.Lambda.AspNetCoreServer;

/// <summary>When the ASP.NET Core host starts: in the function's constructor or on the first request.</summary>
public enum StartupMode
{
    Constructor,
    FirstRequest,
}
