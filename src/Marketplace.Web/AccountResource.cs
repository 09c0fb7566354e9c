namespace Marketplace.Web;

/// <summary>
/// Marker for the account pages' strings (sign-in, sign-up, password reset):
/// Resources/AccountResource.resx (Spanish, the default), .pt-BR.resx and .en.resx.
/// Every key exists in all three.
/// </summary>
public sealed class AccountResource;
