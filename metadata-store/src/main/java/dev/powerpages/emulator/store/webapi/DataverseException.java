package dev.powerpages.emulator.store.webapi;

import org.springframework.http.HttpStatus;

/**
 * An error answered in Dataverse's shape {@code {"error":{"code":"0x…","message":"…"}}}. The factory
 * methods carry the codes Dataverse documents for each case (Web API error codes reference).
 */
public class DataverseException extends RuntimeException {

    private final HttpStatus status;
    private final String code;

    public DataverseException(HttpStatus status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    /** 0x8006088a: the first URL segment names no entity set, function or action. */
    public static DataverseException resourceNotFound(String segment) {
        return new DataverseException(
                HttpStatus.NOT_FOUND, "0x8006088a", "Resource not found for the segment '" + segment + "'.");
    }

    /** 0x80040217 (ObjectDoesNotExist): no row with that id. */
    public static DataverseException rowNotFound(String logicalName, Object id) {
        return new DataverseException(
                HttpStatus.NOT_FOUND, "0x80040217", logicalName + " With Id = " + id + " Does Not Exist");
    }

    /** 0x80060891: no row has the values of the alternate key used in the URL. */
    public static DataverseException alternateKeyNotFound(String logicalName) {
        return new DataverseException(
                HttpStatus.NOT_FOUND,
                "0x80060891",
                "A record with the specified key values does not exist in " + logicalName + " entity");
    }

    /** 0x80060888: malformed URL or query option (Dataverse passes on the OData library's message). */
    public static DataverseException badQuery(String message) {
        return new DataverseException(HttpStatus.BAD_REQUEST, "0x80060888", message);
    }

    /** 0x80048d19: "Error identified in Payload provided by the user". */
    public static DataverseException badPayload(String logicalName, String detail) {
        return new DataverseException(
                HttpStatus.BAD_REQUEST,
                "0x80048d19",
                "Error identified in Payload provided by the user for Entity :'" + logicalName
                        + "', For more information on this error please follow this help link https://go.microsoft.com/fwlink/?linkid=2195293  ----> InnerException : Microsoft.OData.ODataException: "
                        + detail);
    }

    /**
     * 0x8004431a (PicklistValueOutOfRange): a choice's value is not one of its options. Dataverse's message names the
     * value, the column, the table and the accepted values in ascending order, e.g. "A validation error occurred. The
     * value 5 of 'msdyn_paymentterms' on record of type 'msdyn_projectcontractsplitbillingrule' is outside the valid
     * range. Accepted Values: 1,2,3,192350001".
     */
    public static DataverseException optionOutOfRange(
            String logicalName, String column, String value, java.util.Collection<Integer> accepted) {
        return new DataverseException(
                HttpStatus.BAD_REQUEST,
                "0x8004431a",
                "A validation error occurred. The value " + value + " of '" + column + "' on record of type '"
                        + logicalName + "' is outside the valid range. Accepted Values: "
                        + accepted.stream()
                                .sorted()
                                .map(String::valueOf)
                                .collect(java.util.stream.Collectors.joining(","))
                        + ".");
    }

    /** 0x80060882 (ConcurrencyVersionMismatch): If-Match names an older row version. */
    public static DataverseException versionMismatch() {
        return new DataverseException(
                HttpStatus.PRECONDITION_FAILED,
                "0x80060882",
                "The version of the existing record doesn't match the RowVersion property provided.");
    }

    /** 0x80040237 (DuplicateRecord): a row with that key exists. */
    public static DataverseException duplicate() {
        return new DataverseException(
                HttpStatus.PRECONDITION_FAILED, "0x80040237", "A record with matching key values already exists.");
    }

    /**
     * 0x80040220 (PrivilegeDenied): the caller's security roles lack a privilege. Dataverse names the
     * principal (type 8 = systemuser), its role and privilege counts, and the missing privilege.
     */
    public static DataverseException missingPrivilege(
            Object systemUserId, int privilegeCount, String privilege, String table) {
        return new DataverseException(
                HttpStatus.FORBIDDEN,
                "0x80040220",
                "Principal user (Id=" + systemUserId
                        + ", type=8, roleCount=1, privilegeCount=" + privilegeCount + ", accessMode=4), is missing "
                        + privilege
                        + " privilege on entity '" + table + "'.");
    }

    /** 0x80040220 as well: a token for a client that has no application user in this environment. */
    public static DataverseException noApplicationUser(String clientId) {
        return new DataverseException(
                HttpStatus.FORBIDDEN,
                "0x80040220",
                "The application with id " + clientId + " has no application user in this organization.");
    }

    /**
     * A message a table does not take (an intersect table written directly), worded as Dataverse words it ("The
     * 'Create' method does not support entities of type 'x'"), with what to do instead; the store's bad-request code.
     */
    public static DataverseException notSupportedOn(String message, String logicalName, String instead) {
        return new DataverseException(
                HttpStatus.BAD_REQUEST,
                "0x80060888",
                "The '" + message + "' method does not support entities of type '" + logicalName + "'. " + instead);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }
}
