// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.37;

/// @title CheckpointAnchor
/// @notice Public, append-only record of the checkpoints (tree size, root hash) of verifiable
/// logs. Once a checkpoint is anchored here, a log operator who rewrites its history can no
/// longer produce a consistency proof from the anchored checkpoint to its current one, and
/// anyone who reads the chain can tell.
///
/// Namespacing: a ledger id is keccak256(abi.encode(admin, name)). It is bound to the account
/// that registered it, so nobody can register, squat on, or anchor into another admin's ledger
/// id (that would need a keccak256 preimage). The admin names which accounts may anchor.
///
/// Gas: each ledger's latest anchor lives in ONE storage slot (tree size, block number, first
/// 16 bytes of the root). The full root is in the Anchored event, which is unique per
/// (ledger id, tree size) because tree sizes strictly grow, so readers find it with one log
/// query on the stored block. See contracts/README.md for the figures and the attack analysis.
contract CheckpointAnchor {
    /// The latest anchor of one ledger, packed into a single 32-byte slot.
    struct Latest {
        uint64 treeSize;
        uint64 blockNumber;
        bytes16 rootHead;
    }

    /// admin of each registered ledger id; zero = not registered.
    mapping(bytes32 ledgerId => address admin) public adminOf;
    /// accounts allowed to anchor each ledger id (the admin is one from registration on).
    mapping(bytes32 ledgerId => mapping(address account => bool allowed)) public isAnchorer;
    mapping(bytes32 ledgerId => Latest latest) private latestOf;

    event LedgerRegistered(bytes32 indexed ledgerId, address indexed admin, bytes32 name);
    event AnchorerChanged(bytes32 indexed ledgerId, address indexed account, bool allowed);
    /// The full record of an anchor; its (ledgerId, treeSize) pair occurs at most once.
    event Anchored(bytes32 indexed ledgerId, uint64 indexed treeSize, bytes32 rootHash);

    error AlreadyRegistered(bytes32 ledgerId);
    error NotAdmin(bytes32 ledgerId, address account);
    error NotAnchorer(bytes32 ledgerId, address account);
    error TreeSizeNotGrowing(bytes32 ledgerId, uint64 latestTreeSize, uint64 treeSize);

    /// The ledger id that `admin` gets when it registers `name`.
    function ledgerIdOf(address admin, bytes32 name) public pure returns (bytes32) {
        return keccak256(abi.encode(admin, name));
    }

    /// Registers the ledger id keccak256(abi.encode(msg.sender, name)) with the caller as its
    /// admin and first anchorer. Nobody else can ever register the same id.
    function register(bytes32 name) external returns (bytes32 ledgerId) {
        ledgerId = ledgerIdOf(msg.sender, name);
        if (adminOf[ledgerId] != address(0)) revert AlreadyRegistered(ledgerId);
        adminOf[ledgerId] = msg.sender;
        isAnchorer[ledgerId][msg.sender] = true;
        emit LedgerRegistered(ledgerId, msg.sender, name);
        emit AnchorerChanged(ledgerId, msg.sender, true);
    }

    /// Lets the admin of `ledgerId` allow or revoke an anchoring account (e.g. a node's key).
    function setAnchorer(bytes32 ledgerId, address account, bool allowed) external {
        if (adminOf[ledgerId] != msg.sender) revert NotAdmin(ledgerId, msg.sender);
        isAnchorer[ledgerId][account] = allowed;
        emit AnchorerChanged(ledgerId, account, allowed);
    }

    /// Anchors a checkpoint. The tree size must be larger than the latest anchored one, so an
    /// anchor can never be overwritten or rolled back.
    function anchor(bytes32 ledgerId, uint64 treeSize, bytes32 rootHash) external {
        if (!isAnchorer[ledgerId][msg.sender]) revert NotAnchorer(ledgerId, msg.sender);
        uint64 latestSize = latestOf[ledgerId].treeSize;
        if (treeSize <= latestSize) revert TreeSizeNotGrowing(ledgerId, latestSize, treeSize);
        latestOf[ledgerId] = Latest(treeSize, uint64(block.number), bytes16(rootHash));
        emit Anchored(ledgerId, treeSize, rootHash);
    }

    /// The latest anchor of `ledgerId`: its tree size (0 = none yet), the block whose Anchored
    /// event carries the full root, and the root's first 16 bytes to cross-check that event.
    function latest(bytes32 ledgerId)
        external
        view
        returns (uint64 treeSize, uint64 blockNumber, bytes16 rootHead)
    {
        Latest memory l = latestOf[ledgerId];
        return (l.treeSize, l.blockNumber, l.rootHead);
    }
}
